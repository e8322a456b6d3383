package com.cloudquant.liberator.gateway.config;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;

/**
 * {@code liberator.kafka.*}: where the token log lives and how to reach it.
 *
 * @param bootstrapServers  Kafka bootstrap servers, e.g. {@code localhost:9092}
 * @param topic             the token topic (one partition, never compacted)
 * @param timeout           the longest one Kafka call may take
 * @param properties        Kafka client settings passed through as they are, e.g.
 *                          {@code liberator.kafka.properties.security.protocol=SASL_SSL}
 * @param requireReplicated refuse a topic that is not replicated (factor 3, min ISR 2, no unclean election)
 */
@ConfigurationProperties("liberator.kafka")
public record KafkaProperties(
        @NotBlank String bootstrapServers,
        @Bindable(defaultValue = LogTopic.DEFAULT_NAME) @NotBlank String topic,
        @Bindable(defaultValue = "5s") @NotNull Duration timeout,
        @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        @Bindable(defaultValue = "") Map<String, String> properties,
        @Bindable(defaultValue = "false") boolean requireReplicated) {

    public KafkaProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("liberator.kafka.timeout must be positive, e.g. 5s; got " + timeout);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The settings every reader of the log shares. */
    public TokenLogSettings toSettings() {
        return new TokenLogSettings(bootstrapServers, topic, timeout, properties, requireReplicated);
    }

    /** As {@link TokenLogSettings#toString()}: the pass-through settings by name only, they may hold SASL passwords. */
    @Override
    public String toString() {
        return toSettings().toString();
    }
}
