package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.edge.GatewayMetric;
import java.util.List;

/**
 * One chart of the System Monitoring view: the PromQL behind it, and how its series are named in
 * the legend. The gateway's metric names come from {@link GatewayMetric}, as the gateway registers
 * them; the local-stack test fails when a query stops matching what the gateways export.
 *
 * @param id      stable name of the chart in the API answer
 * @param title   what the page shows above it
 * @param unit    {@code req/s}, {@code s} or {@code targets}: how the page formats the values
 * @param queries one or more range queries whose series the chart draws together
 */
record ChartDefinition(String id, String title, String unit, List<Query> queries) {

    /**
     * A range query of a chart.
     *
     * @param promql    the query; {@code %1$s} stands for the rate window of the range
     * @param nameLabel the label whose value names each series in the legend, or {@code null}
     * @param fixedName the legend name when {@code nameLabel} is {@code null} (a single series)
     */
    record Query(String promql, String nameLabel, String fixedName) {

        static Query byLabel(String promql, String label) {
            return new Query(promql, label, null);
        }

        static Query named(String promql, String name) {
            return new Query(promql, null, name);
        }

        String promql(ChartRange range) {
            return String.format(promql, range.rateWindow());
        }
    }

    static final String REQUESTS = GatewayMetric.REQUESTS.series();
    static final String AUTH_FAILURES = GatewayMetric.AUTH_FAILURES.series();
    static final String LATENCY_BUCKETS = GatewayMetric.UPSTREAM_LATENCY.series();

    /** Every chart, in the order the page shows them. */
    static final List<ChartDefinition> ALL = List.of(
            new ChartDefinition("requests", "Gateway requests / s by status class", "req/s", List.of(Query.byLabel(
                    "sum by (class) (label_replace(rate(" + REQUESTS + "[%1$s]), \"class\", \"${1}xx\", \"code\", \"([0-9]).*\"))",
                    "class"))),
            new ChartDefinition("latency", "Upstream latency, p95", "s", List.of(Query.named(
                    "histogram_quantile(0.95, sum by (le) (rate(" + LATENCY_BUCKETS + "[%1$s])))", "p95"))),
            new ChartDefinition("auth-failures", "Gateway auth failures / s by reason", "req/s", List.of(Query.byLabel(
                    "sum by (reason) (rate(" + AUTH_FAILURES + "[%1$s]))", "reason"))),
            // topk per step: over a range where the busiest consumers change, more than 10 may appear
            new ChartDefinition("consumers", "Requests / s per consumer (top 10)", "req/s", List.of(Query.byLabel(
                    "topk(10, sum by (consumer) (rate(" + REQUESTS + "{consumer!=\"-\"}[%1$s])))", "consumer"))),
            new ChartDefinition("targets", "Prometheus targets up", "targets", List.of(
                    Query.named("sum(up)", "up"), Query.named("count(up)", "configured"))));
}
