package com.cloudquant.liberator.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;

/**
 * {@code liberator.gateway.*}: how the Bearer route behaves. Validated at start-up, so a
 * bad value stops the replica with a message naming the key instead of serving wrongly.
 *
 * @param upstreamUrl         base URL of the Prometheus the route reads from
 * @param bearerRouteEnabled  false answers every request 403 (cluster opted out)
 * @param signInUrl           where a browser without a token is redirected
 * @param maxStaleness        fail closed once the replica cannot prove for this long that it read the log to its end; 0 = never
 * @param unknownTokenWait    how long a request with a token this replica does not know waits for the log to catch up
 * @param maxRequestBody      largest request body accepted (form-POST queries)
 * @param maxInFlightPerToken concurrent upstream calls one token may have
 * @param responseTimeout     how long to wait for upstream response headers
 */
@ConfigurationProperties("liberator.gateway")
public record GatewayProperties(
        @NotNull URI upstreamUrl,
        @Bindable(defaultValue = "true") boolean bearerRouteEnabled,
        @Bindable(defaultValue = "/login") @NotBlank String signInUrl,
        @Bindable(defaultValue = "5s") @NotNull Duration maxStaleness,
        @Bindable(defaultValue = "500ms") @NotNull Duration unknownTokenWait,
        @Bindable(defaultValue = "1MB") @ReadableBytes @Positive long maxRequestBody,
        @Bindable(defaultValue = "20") @Positive int maxInFlightPerToken,
        @Bindable(defaultValue = "30s") @NotNull Duration responseTimeout) {

    public GatewayProperties {
        if (upstreamUrl != null && !("http".equals(upstreamUrl.getScheme()) || "https".equals(upstreamUrl.getScheme()))) {
            throw new IllegalArgumentException("liberator.gateway.upstream-url must be an http(s) URL such as http://prometheus:9090, got "
                    + upstreamUrl);
        }
        if (maxStaleness != null && maxStaleness.isNegative()) {
            throw new IllegalArgumentException("liberator.gateway.max-staleness must be >= 0 (0 = never fail closed)");
        }
        if (unknownTokenWait != null && unknownTokenWait.isNegative()) {
            throw new IllegalArgumentException("liberator.gateway.unknown-token-wait must be >= 0 (0 = refuse at once), e.g. 500ms");
        }
        if (responseTimeout != null && (responseTimeout.isNegative() || responseTimeout.isZero())) {
            throw new IllegalArgumentException("liberator.gateway.response-timeout must be > 0, e.g. 30s");
        }
    }

    /** Whether staleness can ever make the gateway fail closed. */
    public boolean failsClosedWhenStale() {
        return !maxStaleness.isZero();
    }
}
