package com.cloudquant.liberator.tokenservice.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Where the audit log lives and how long a write may take before the API answers 503.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            the token topic (one partition, never compacted)
 * @param transactionalId  fixed producer transactional.id: a second instance with the same id fences this one
 * @param timeout          the longest a write (or a start-up read step) may wait for Kafka
 */
@ConfigurationProperties("liberator.kafka")
public record KafkaSettings(
        @NotBlank(message = "set liberator.kafka.bootstrap-servers (env LIBERATOR_KAFKA_BOOTSTRAP_SERVERS), e.g. localhost:9092")
        String bootstrapServers,
        @Bindable(defaultValue = "liberator.metrics-tokens.v1")
        @NotBlank(message = "liberator.kafka.topic must not be blank")
        String topic,
        @Bindable(defaultValue = "liberator-token-service")
        @NotBlank(message = "liberator.kafka.transactional-id must not be blank")
        String transactionalId,
        @Bindable(defaultValue = "5s")
        @NotNull(message = "set liberator.kafka.timeout, e.g. 5s")
        Duration timeout) {

    public KafkaSettings {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("liberator.kafka.timeout must be positive, e.g. 5s; got " + timeout);
        }
    }
}
