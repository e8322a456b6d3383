package com.cloudquant.liberator.tokenservice.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How often one caller may ask for the chain check ({@code GET /api/v1/audit/verify}): a token
 * bucket per signed-in user that holds {@code verifyBurst} checks and gains one every
 * {@code verifyInterval}. A check is cached per log end, but a caller who asks faster than
 * events are written would still make the service read and verify every new record at once.
 *
 * @param verifyBurst    checks one caller may make in a row
 * @param verifyInterval how long a caller waits for one more once the burst is spent
 */
@ConfigurationProperties("liberator.audit")
public record AuditSettings(
        @Bindable(defaultValue = "10")
        @Min(value = 1, message = "liberator.audit.verify-burst must be at least 1")
        int verifyBurst,
        @Bindable(defaultValue = "6s")
        @NotNull(message = "set liberator.audit.verify-interval, e.g. 6s")
        Duration verifyInterval) {
}
