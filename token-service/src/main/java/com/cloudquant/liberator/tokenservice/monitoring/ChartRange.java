package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A time range the System Monitoring charts may show, with the step that gives each series
 * 180 to 360 points: enough for a smooth line, few enough to keep the answer small.
 *
 * @param name   as the page and the API name it ({@code ?range=1h})
 * @param length how far back the chart reaches
 * @param step   the distance between two points
 */
record ChartRange(String name, Duration length, Duration step) {

    static final List<ChartRange> ALL = List.of(
            new ChartRange("15m", Duration.ofMinutes(15), Duration.ofSeconds(5)),
            new ChartRange("1h", Duration.ofHours(1), Duration.ofSeconds(15)),
            new ChartRange("6h", Duration.ofHours(6), Duration.ofMinutes(2)),
            new ChartRange("24h", Duration.ofHours(24), Duration.ofMinutes(5)));
    static final ChartRange DEFAULT = ALL.get(1);

    /** The range the caller named; {@code null} means {@link #DEFAULT}. */
    static ChartRange parse(String name) {
        if (name == null) {
            return DEFAULT;
        }
        for (ChartRange range : ALL) {
            if (range.name.equals(name)) {
                return range;
            }
        }
        throw new InvalidTokenRequestException("range", "range must be one of " + names()
                + " (how far back the charts reach; each has its own step), e.g. ?range=1h");
    }

    /**
     * The window of {@code rate()}: four steps, and at least two minutes so that a gateway scraped
     * every 30 s still has four samples in it (fewer make a jagged or empty line).
     */
    String rateWindow() {
        return Math.max(120, 4 * step.toSeconds()) + "s";
    }

    /** The last point: now, rounded down to the step, so two refreshes ask Prometheus for the same instants. */
    Instant end(Instant now) {
        long step = this.step.toSeconds();
        return Instant.ofEpochSecond(now.getEpochSecond() / step * step);
    }

    private static String names() {
        return String.join(", ", ALL.stream().map(ChartRange::name).toList());
    }
}
