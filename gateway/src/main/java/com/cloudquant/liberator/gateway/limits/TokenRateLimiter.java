package com.cloudquant.liberator.gateway.limits;

import com.cloudquant.liberator.gateway.config.LimitProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code liberator.gateway.limits.rate-per-second} and {@code burst}: a token bucket per token on
 * this replica. A bucket holds at most {@code burst} requests, refills at {@code rate-per-second},
 * and a request that finds it empty is answered 429 with {@code Retry-After} (whole seconds until
 * one request is back, at least 1). Replicas do not share buckets: the documented rule divides the
 * cluster-wide budget by the number of replicas (docs/operations.md, "Choosing query limits").
 *
 * <p>Written here rather than taken from a library (Bucket4j would fit): one lock per token around
 * two numbers is all a per-replica bucket needs, and it keeps a security gateway's dependencies to
 * what it must have. A bucket is kept per token id the replica has admitted; tokens are few and known.
 */
@Context // eager: a setting that cannot be a limit must stop start-up, not the first request
public final class TokenRateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public TokenRateLimiter(LimitProperties limits) {
        this(limits, System::nanoTime);
    }

    TokenRateLimiter(LimitProperties limits, LongSupplier nanoTime) {
        this.perNano = limits.ratePerSecond() / 1e9;
        this.burst = limits.burst();
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request from {@code tokenId}'s bucket.
     *
     * @throws GatewayRejection 429 {@code too_many_requests} with {@code Retry-After} when it is empty
     */
    public void acquire(String tokenId) {
        long waitNanos = buckets.computeIfAbsent(tokenId, id -> new Bucket(burst, nanoTime.getAsLong()))
                .take(nanoTime.getAsLong());
        if (waitNanos > 0) {
            long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new GatewayRejection(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "this token made more than " + (long) burst + " requests at once or more than "
                            + showRate(perNano * 1e9) + " per second on average on this gateway replica"
                            + " (liberator.gateway.limits.burst, rate-per-second): retry after " + retryAfter
                            + "s; reduce the dashboard's refresh rate or its number of panels",
                    "limit_rate", Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** A rate per second without a needless fraction: {@code 50}, {@code 0.5}. */
    private static String showRate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    /** Requests available now and when they were counted; guarded by its own lock. */
    private final class Bucket {
        private double available;
        private long at;

        Bucket(double available, long at) {
            this.available = available;
            this.at = at;
        }

        /** Takes one request: 0 if there was one, else the nanoseconds until there will be. */
        synchronized long take(long now) {
            available = Math.min(burst, available + Math.max(0, now - at) * perNano);
            at = Math.max(at, now);
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perNano);
        }
    }
}
