package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code liberator.gateway.max-in-flight-per-token}: one runaway dashboard cannot take
 * every upstream connection. A slot is held until upstream answers or fails.
 */
@Singleton
final class InFlightLimiter {

    private final int maxPerToken;
    private final Map<String, AtomicInteger> byToken = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    InFlightLimiter(GatewayProperties gateway, MeterRegistry meters) {
        this.maxPerToken = gateway.maxInFlightPerToken();
        Gauge.builder("liberator.gateway.in.flight", total, AtomicInteger::get)
                .description("Requests forwarded upstream and not answered yet").register(meters);
    }

    /** Takes a slot for {@code tokenId}; the returned handle gives it back (once). */
    Runnable acquire(String tokenId) {
        AtomicInteger count = byToken.computeIfAbsent(tokenId, id -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerToken) {
            count.decrementAndGet();
            throw new GatewayRejection(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "more than " + maxPerToken + " queries in flight for this token (liberator.gateway.max-in-flight-per-token): "
                            + "lower the dashboard's concurrency or issue a token per consumer", "in_flight_limit",
                    GatewayRejection.RETRY_NEXT_SECOND);
        }
        total.incrementAndGet();
        AtomicInteger released = new AtomicInteger();
        return () -> {
            if (released.compareAndSet(0, 1)) {
                count.decrementAndGet();
                total.decrementAndGet();
            }
        };
    }
}
