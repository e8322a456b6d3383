package com.cloudquant.liberator.tokenservice.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The embedded local super-admin {@code admin}, for machines without an IdP.
 *
 * @param enabled           whether the local admin may sign in at all
 * @param password          the password (env LIBERATOR_ADMIN_PASSWORD); generated and shown once when unset
 * @param hashIterations    PBKDF2 iterations of the in-memory password hash
 * @param maxFailedLogins   failed sign-ins as one user from one client address before that pair is throttled (429)
 * @param throttleWindow    how long failures count and how long a throttled client waits
 * @param sprayThreshold    failed sign-ins as one user from all addresses together that put the user "under spray":
 *                          then a client with any recent failure as that user waits, a client without one is still checked
 */
@ConfigurationProperties("liberator.admin")
public record AdminSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String password,
        @Bindable(defaultValue = "210000")
        @Min(value = 10000, message = "liberator.admin.hash-iterations must be at least 10000")
        int hashIterations,
        @Bindable(defaultValue = "5")
        @Min(value = 1, message = "liberator.admin.max-failed-logins must be at least 1")
        int maxFailedLogins,
        @Bindable(defaultValue = "1m")
        @NotNull(message = "set liberator.admin.throttle-window, e.g. 1m")
        Duration throttleWindow,
        @Bindable(defaultValue = "20")
        @Min(value = 1, message = "liberator.admin.spray-threshold must be at least 1")
        int sprayThreshold) {
}
