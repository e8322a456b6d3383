package com.cloudquant.liberator.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code liberator.kafka.*}: where the token log lives.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code localhost:9092}
 * @param topic            the token topic (one partition, never compacted)
 */
@ConfigurationProperties("liberator.kafka")
public record KafkaProperties(
        @NotBlank String bootstrapServers,
        @Bindable(defaultValue = "liberator.metrics-tokens.v1") @NotBlank String topic) {
}
