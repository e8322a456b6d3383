package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the System Monitoring charts ({@link ChartDefinition#ALL}) with Prometheus's {@code query_range}. */
@Singleton
class PrometheusCharts {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusCharts.class);

    private final PrometheusHttp prometheus;
    private final Clock clock;

    @Inject
    PrometheusCharts(PrometheusHttp prometheus) {
        this(prometheus, Clock.systemUTC());
    }

    PrometheusCharts(PrometheusHttp prometheus, Clock clock) {
        this.prometheus = prometheus;
        this.clock = clock;
    }

    MonitoringCharts charts(ChartRange range) {
        long end = range.end(clock.instant()).getEpochSecond();
        long start = end - range.length().toSeconds();
        String base = prometheus.base();
        if (base == null) {
            return MonitoringCharts.unavailable(MonitoringSummary.notConfigured(), range, start, end);
        }
        try {
            List<MonitoringCharts.Chart> charts = new ArrayList<>();
            for (ChartDefinition definition : ChartDefinition.ALL) {
                List<MonitoringCharts.Series> series = new ArrayList<>();
                for (ChartDefinition.Query query : definition.queries()) {
                    series.addAll(matrix(query, range, start, end));
                }
                charts.add(new MonitoringCharts.Chart(definition.id(), definition.title(), definition.unit(), series));
            }
            return new MonitoringCharts("ok", base, range.name(), range.step().toSeconds(), start, end, charts, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision=monitoring-charts-unavailable url={} range={} reason=\"{}\" error={}", base, range.name(),
                    prometheus.why(e), Printable.value(e.toString()));
            return MonitoringCharts.unavailable(MonitoringSummary.unreachable(base, prometheus.why(e)), range, start, end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MonitoringCharts.unavailable(MonitoringSummary.unreachable(base, "interrupted"), range, start, end);
        }
    }

    /** The series of one range query, sorted by legend name so that a line keeps its colour between refreshes. */
    private List<MonitoringCharts.Series> matrix(ChartDefinition.Query query, ChartRange range, long start, long end)
            throws IOException, InterruptedException {
        JsonNode result = prometheus.result("/api/v1/query_range?query=" + PrometheusHttp.encode(query.promql(range))
                + "&start=" + start + "&end=" + end + "&step=" + range.step().toSeconds());
        List<MonitoringCharts.Series> series = new ArrayList<>();
        for (JsonNode one : result) {
            Map<String, String> labels = new TreeMap<>();
            one.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            String name = query.nameLabel() == null ? query.fixedName() : labels.getOrDefault(query.nameLabel(), "");
            List<List<Number>> points = points(one.path("values"));
            if (!points.isEmpty()) {
                series.add(new MonitoringCharts.Series(name, labels, points));
            }
        }
        series.sort(Comparator.comparing(MonitoringCharts.Series::name));
        return series;
    }

    private static List<List<Number>> points(JsonNode values) {
        List<List<Number>> points = new ArrayList<>(values.size());
        for (JsonNode value : values) {
            double v = PrometheusHttp.sample(value.get(1).asText());
            // histogram_quantile of no requests is NaN, of requests beyond the last bucket +Inf: a gap, not a point
            if (Double.isFinite(v)) {
                points.add(List.of(value.get(0).asLong(), v));
            }
        }
        return points;
    }
}
