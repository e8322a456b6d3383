package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The System Monitoring charts over one range, or why there are none: the same states, and the
 * same messages, as {@link MonitoringSummary}.
 *
 * @param state   {@code ok}, {@code not-configured} or {@code unreachable}
 * @param range   the range asked for, e.g. {@code 1h}
 * @param step    seconds between two points
 * @param start   the first instant asked for, epoch seconds
 * @param end     the last instant asked for, epoch seconds
 * @param charts  every chart (empty unless {@code ok}; written even when empty, as is each chart's {@code series})
 * @param message what the page shows when the state is not {@code ok}
 */
@Serdeable
record MonitoringCharts(String state, @Nullable String prometheusUrl, String range, long step, long start, long end,
                        @JsonInclude(JsonInclude.Include.ALWAYS) List<Chart> charts, @Nullable String message) {

    /**
     * One chart's series; none when Prometheus has no samples for it in the range (the page says "no data yet").
     */
    @Serdeable
    record Chart(String id, String title, String unit, @JsonInclude(JsonInclude.Include.ALWAYS) List<Series> series) {
    }

    /**
     * One line of a chart.
     *
     * @param name   its legend name (a status class, a reason, a consumer, ...)
     * @param labels the labels Prometheus answered for it
     * @param points {@code [t, v]}: epoch seconds and value; instants without a value (no samples, NaN) are left out
     */
    @Serdeable
    record Series(String name, Map<String, String> labels, List<List<Number>> points) {
    }

    static MonitoringCharts unavailable(MonitoringSummary why, ChartRange range, long start, long end) {
        return new MonitoringCharts(why.state(), why.prometheusUrl(), range.name(), range.step().toSeconds(), start, end,
                List.of(), why.message());
    }
}
