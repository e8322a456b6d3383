package com.cloudquant.liberator.tokenservice.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller, kept as the time its bucket is full again (GCRA): a call is
 * allowed while that time, moved on by one interval, is at most {@code burst} intervals away.
 * Each decision is one atomic {@code compute} on the caller's entry, so parallel calls cannot
 * slip past the limit.
 */
final class CallerRateLimit {

    /** Above this many callers, entries whose bucket is full again are dropped (they mean nothing). */
    private static final int PRUNE_ABOVE = 10_000;

    private final int burst;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Long> fullAt = new ConcurrentHashMap<>();

    CallerRateLimit(int burst, Duration interval, LongSupplier nanoTime) {
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes one call from {@code caller}'s bucket: empty when allowed, else how long to wait for the next. */
    Optional<Duration> take(String caller) {
        long now = nanoTime.getAsLong();
        long[] waitNanos = {0};
        fullAt.compute(caller, (name, full) -> {
            long next = Math.max(full == null ? now : full, now) + intervalNanos;
            long over = next - now - burst * intervalNanos;
            if (over > 0) {
                waitNanos[0] = over;
                return full;
            }
            return next;
        });
        if (fullAt.size() > PRUNE_ABOVE) {
            fullAt.values().removeIf(full -> full - now <= 0);
        }
        return waitNanos[0] > 0 ? Optional.of(Duration.ofNanos(waitNanos[0])) : Optional.empty();
    }
}
