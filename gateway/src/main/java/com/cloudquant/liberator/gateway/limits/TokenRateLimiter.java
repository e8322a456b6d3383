package com.cloudquant.liberator.gateway.limits;

import com.cloudquant.liberator.events.TokenLimits;
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
 *
 * <p>A token issued with its own {@code ratePerSecond} or {@code burst} ({@link TokenLimits}) gets a
 * bucket of that size and refill; its limits never change, so the bucket made at its first request
 * stays right. A refusal names whether the token's own limits or the settings applied.
 */
@Context // eager: a setting that cannot be a limit must stop start-up, not the first request
public final class TokenRateLimiter {

    /** Where a token without its own rate and burst has them from, as a refusal names it. */
    private static final String SETTINGS = "liberator.gateway.limits.burst, rate-per-second";

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
     * Takes one request from the bucket of {@code tokenId}, issued with {@code overrides}
     * ({@link TokenLimits#NONE} for the settings' rate and burst).
     *
     * @throws GatewayRejection 429 {@code too_many_requests} with {@code Retry-After} when it is empty
     */
    public void acquire(String tokenId, TokenLimits overrides) {
        Bucket bucket = buckets.get(tokenId);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(tokenId, id -> newBucket(overrides));
        }
        long waitNanos = bucket.take(nanoTime.getAsLong());
        if (waitNanos > 0) {
            long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new GatewayRejection(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "this token made more than " + (long) bucket.burst + " requests at once or more than "
                            + showRate(bucket.perNano * 1e9) + " per second on average on this gateway replica"
                            + " (" + bucket.source + "): retry after " + retryAfter
                            + "s; reduce the dashboard's refresh rate or its number of panels",
                    "limit_rate", Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    private Bucket newBucket(TokenLimits overrides) {
        if (overrides.ratePerSecond() == null && overrides.burst() == null) {
            return new Bucket(perNano, burst, SETTINGS, nanoTime.getAsLong());
        }
        double rate = overrides.ratePerSecond() != null ? overrides.ratePerSecond() / 1e9 : perNano;
        double size = overrides.burst() != null ? overrides.burst() : burst;
        String from = "this token's own limits, " + (overrides.ratePerSecond() != null ? "limits.ratePerSecond "
                + showRate(overrides.ratePerSecond()) : "rate-per-second from the settings") + " and "
                + (overrides.burst() != null ? "limits.burst " + overrides.burst() : "burst from the settings")
                + ", granted when it was issued";
        return new Bucket(rate, size, from, nanoTime.getAsLong());
    }

    /** A rate per second without a needless fraction: {@code 50}, {@code 0.5}. */
    private static String showRate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    /** Requests available now and when they were counted, guarded by its own lock; its size and refill are fixed. */
    private static final class Bucket {
        private final double perNano;
        private final double burst;
        private final String source;
        private double available;
        private long at;

        Bucket(double perNano, double burst, String source, long at) {
            this.perNano = perNano;
            this.burst = burst;
            this.source = source;
            this.available = burst;
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
