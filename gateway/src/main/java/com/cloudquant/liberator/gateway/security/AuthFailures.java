package com.cloudquant.liberator.gateway.security;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds authentication rejections and records their reason (metric
 * {@code liberator_gateway_auth_failures_total{reason}} and one log line, never the token).
 */
@Singleton
public final class AuthFailures {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);
    private static final String CHALLENGE = "Bearer realm=\"liberator-metrics\"";

    private final MeterRegistry meters;
    private final Map<String, Counter> byReason = new ConcurrentHashMap<>();

    public AuthFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    GatewayRejection missing(boolean browser, String signInUrl, String message) {
        count("missing");
        LOG.info("event=auth_failed reason=missing browser={}", browser);
        if (browser) {
            return new GatewayRejection(HttpStatus.FOUND, "unauthorized", message, "missing",
                    Map.of("Location", signInUrl));
        }
        return new GatewayRejection(HttpStatus.UNAUTHORIZED, "unauthorized", message, "missing",
                Map.of("WWW-Authenticate", CHALLENGE));
    }

    GatewayRejection invalid(String reason, String safeIdentity, String message) {
        count(reason);
        LOG.warn("event=auth_failed reason={} {}", reason, safeIdentity);
        return new GatewayRejection(HttpStatus.UNAUTHORIZED, "unauthorized", message, reason,
                Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
    }

    private void count(String reason) {
        byReason.computeIfAbsent(reason, this::register).increment();
    }

    private Counter register(String reason) {
        return Counter.builder(GatewayMetric.AUTH_FAILURES.meterName())
                .description("Requests refused at authentication, by reason")
                .tag("reason", reason)
                .register(meters);
    }
}
