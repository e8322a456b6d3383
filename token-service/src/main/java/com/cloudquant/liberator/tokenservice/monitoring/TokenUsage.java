package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One token's use as the gateways reported it to Prometheus. Every field is written, null included:
 * {@code lastUsedAt: null} with no {@code usageUnavailable} means never used.
 *
 * @param lastUsedAt       the last answered request, or null for never (or unknown, see usageUnavailable)
 * @param requests24h      requests answered in the last 24 hours, null when unknown
 * @param unused           active and not used for {@code liberator.monitoring.unused-after}; null when unknown
 * @param usageUnavailable null when the numbers are known; else {@code not-configured} or {@code unreachable: why}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenUsage(@Nullable Instant lastUsedAt, @Nullable Long requests24h, @Nullable Boolean unused,
                         @Nullable String usageUnavailable) {
}
