package com.cloudquant.liberator.tokenservice.config;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenlog.TokenTopicAccess;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the audit log lives and how long a write may take before the API answers 503.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param topic             the token topic (one partition, never compacted)
 * @param timeout           the longest a write (or a start-up read step) may wait for Kafka
 * @param properties        Kafka client settings passed through to every client as they are, from
 *                          {@code liberator.kafka.properties.*} (e.g. {@code liberator.kafka.properties.security.protocol=SASL_SSL}):
 *                          TLS and SASL without a setting of our own for each
 * @param requireReplicated whether start-up refuses a topic that is not replicated (factor 3, min ISR 2,
 *                          no unclean leader election); off for a single-broker local stack
 * @param skipOffsets       offsets of unauthenticated records (garbage, bad hash, unknown key) an operator
 *                          audited: the service writes past them; any other such record refuses writes
 */
@ConfigurationProperties("liberator.kafka")
public record KafkaSettings(
        @NotBlank(message = "set liberator.kafka.bootstrap-servers (env LIBERATOR_KAFKA_BOOTSTRAP_SERVERS), e.g. localhost:9092")
        String bootstrapServers,
        @Bindable(defaultValue = LogTopic.DEFAULT_NAME)
        @NotBlank(message = "liberator.kafka.topic must not be blank")
        String topic,
        @Bindable(defaultValue = "5s")
        @NotNull(message = "set liberator.kafka.timeout, e.g. 5s")
        Duration timeout,
        // FLAT and RAW: Kafka's own keys (security.protocol, sasl.jaas.config) arrive as they are written
        @Nullable
        @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, String> properties,
        @Bindable(defaultValue = "false")
        boolean requireReplicated,
        @Nullable
        Set<Long> skipOffsets) {

    @Creator
    public KafkaSettings {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("liberator.kafka.timeout must be positive, e.g. 5s; got " + timeout);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        skipOffsets = skipOffsets == null ? Set.of() : Set.copyOf(new TreeSet<>(skipOffsets));
        if (skipOffsets.stream().anyMatch(offset -> offset < 0)) {
            throw new IllegalArgumentException("liberator.kafka.skip-offsets lists offsets of records, which are 0 or more; got "
                    + new TreeSet<>(skipOffsets));
        }
    }

    /** No client pass-through, topic replication not required: tools and benchmarks on a local broker. */
    public KafkaSettings(String bootstrapServers, String topic, Duration timeout) {
        this(bootstrapServers, topic, timeout, Map.of(), false, Set.of());
    }

    /**
     * The producer's transactional.id, derived from the topic and never configured (see
     * {@link TokenTopicAccess#writerTransactionalId(String)}, where the ACLs that grant it live too).
     */
    public String transactionalId() {
        return TokenTopicAccess.writerTransactionalId(topic);
    }

    /** How token-log reaches the topic: the same address, topic, timeout and client settings. */
    public TokenLogSettings tokenLog() {
        return new TokenLogSettings(bootstrapServers, topic, timeout, properties, requireReplicated);
    }

    /** Names the pass-through client settings but not their values, which may hold SASL passwords. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", transactionalId="
                + transactionalId() + ", timeout=" + timeout + ", properties=" + new TreeSet<>(properties.keySet())
                + ", requireReplicated=" + requireReplicated + ", skipOffsets=" + new TreeSet<>(skipOffsets) + "]";
    }
}
