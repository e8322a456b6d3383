package com.cloudquant.liberator.tokenservice.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Limits on issuing.
 *
 * @param maxActivePerConsumer active (not revoked, not expired) tokens one consumer may hold
 * @param maxLifetime          the furthest in the future an expiry may be
 */
@ConfigurationProperties("liberator.tokens")
public record TokenPolicySettings(
        @Bindable(defaultValue = "10")
        @Min(value = 1, message = "liberator.tokens.max-active-per-consumer must be at least 1")
        int maxActivePerConsumer,
        @Bindable(defaultValue = "365d")
        @NotNull(message = "set liberator.tokens.max-lifetime, e.g. 365d")
        Duration maxLifetime) {
}
