package com.cloudquant.liberator.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code liberator.gateway.limits.*}: what one token may ask of the shared Prometheus, per
 * request and per second. Defaults never refuse a dashboard Grafana builds on its own
 * (docs/gateway.md, "Query limits"); a value that cannot be a limit stops start-up naming its key.
 *
 * @param maxRange           longest {@code end - start} of a {@code query_range}; 0 = no limit
 * @param maxLookback        furthest {@code now - start} a range or series read may read back; 0 = no limit
 * @param maxPointsPerSeries most points per series of a {@code query_range}, {@code (end - start) / step}
 * @param maxQueryLength     most bytes of {@code query} plus every {@code match[]}, decoded
 * @param minStep            smallest {@code step} of a {@code query_range}; 0 = no limit
 * @param ratePerSecond      requests per second one token may make on this replica, on average
 * @param burst              requests one token may make at once on this replica (the bucket's size)
 */
@ConfigurationProperties("liberator.gateway.limits")
public record LimitProperties(
        @Bindable(defaultValue = "32d") @NotNull Duration maxRange,
        @Bindable(defaultValue = "400d") @NotNull Duration maxLookback,
        @Bindable(defaultValue = "11000") long maxPointsPerSeries,
        @Bindable(defaultValue = "16KB") @ReadableBytes long maxQueryLength,
        @Bindable(defaultValue = "0s") @NotNull Duration minStep,
        @Bindable(defaultValue = "50") double ratePerSecond,
        @Bindable(defaultValue = "500") long burst) {

    private static final String KEY = "liberator.gateway.limits.";

    public LimitProperties {
        notNegative(maxRange, "max-range", "32d");
        notNegative(maxLookback, "max-lookback", "400d");
        notNegative(minStep, "min-step", "15s");
        if (maxPointsPerSeries <= 0) {
            throw new IllegalArgumentException(KEY + "max-points-per-series must be > 0, e.g. 11000 (Prometheus's own"
                    + " maximum), got " + maxPointsPerSeries);
        }
        if (maxQueryLength <= 0) {
            throw new IllegalArgumentException(KEY + "max-query-length must be > 0, e.g. 16KB, got " + maxQueryLength);
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(KEY + "rate-per-second must be a number > 0, e.g. 50 (the cluster-wide"
                    + " budget divided by the number of replicas), got " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException(KEY + "burst must be >= 1, e.g. 500, got " + burst);
        }
    }

    private static void notNegative(Duration value, String name, String example) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(KEY + name + " must be >= 0 (0 = no limit), e.g. " + example
                    + ", got " + value);
        }
    }
}
