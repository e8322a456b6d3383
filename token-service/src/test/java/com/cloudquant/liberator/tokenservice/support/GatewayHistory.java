package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.process.FreePort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 75 minutes of gateway metrics with known rates, as the gateways export them
 * ({@code liberator_gateway_requests_total}, {@code liberator_gateway_auth_failures_total},
 * {@code liberator_gateway_upstream_latency_seconds} histogram, {@code up}), one sample every 15 s.
 * Each series' rate is constant within each 5-minute segment and changes between segments by a
 * known factor, so a test can compute what {@code rate()} must give at any instant whose window
 * lies inside one segment.
 */
public final class GatewayHistory {

    public static final long SAMPLE_INTERVAL = 15;
    public static final long SEGMENT = 300;
    public static final long LENGTH = 75 * 60;

    /** A counter series: its labels (name first) and its base rate per second. */
    public record Counter(String name, Map<String, String> labels, double baseRate, double phase) {
    }

    public static final List<Counter> REQUESTS = new ArrayList<>();
    public static final List<Counter> AUTH_FAILURES = List.of(
            counter("liberator_gateway_auth_failures_total", 0.2, 2.0, "reason", "unknown"),
            counter("liberator_gateway_auth_failures_total", 0.05, 4.0, "reason", "expired"));

    static {
        REQUESTS.add(request("grafana-prod", "query_range", "200", "upstream", 3.0, 0.0));
        REQUESTS.add(request("grafana-prod", "query_range", "422", "limit_range", 0.5, 1.0));
        REQUESTS.add(request("ci-bot", "query", "200", "upstream", 1.0, 2.5));
        REQUESTS.add(request("ci-bot", "query", "503", "upstream", 0.25, 3.5));
        REQUESTS.add(request("-", "query", "401", "unknown", 0.2, 2.0));
        for (int i = 1; i <= 10; i++) {
            REQUESTS.add(request(String.format("team-%02d", i), "query", "200", "upstream", 0.01 * i, 0.0));
        }
    }

    private final long start;

    /** History whose last sample is at {@code end} (a multiple of 15 s), its first 75 minutes before. */
    public GatewayHistory(long end) {
        this.start = end - LENGTH;
    }

    /** History whose last sample is the latest whole 15 s before now. */
    public static GatewayHistory endingNow() {
        long now = Instant.now().getEpochSecond();
        return new GatewayHistory(now / SAMPLE_INTERVAL * SAMPLE_INTERVAL);
    }

    /** A real Prometheus over this history (backfilled with promtool), once it answers for every target. */
    public BackfilledPrometheus serve(Path dir) throws IOException {
        return BackfilledPrometheus.start(dir, FreePort.pick(), openMetrics(), "count(up) == 3");
    }

    public long start() {
        return start;
    }

    public long end() {
        return start + LENGTH;
    }

    /** How much busier than its base rate a series is in a segment: between 0.6 and 1.4, a different wave per series. */
    public static double factor(double phase, long segment) {
        return 1 + 0.4 * Math.sin(0.9 * segment + phase);
    }

    /** The share of slow answers (between 0.2 s and 0.5 s) in a segment: p95 moves between 0.35 s and 0.40 s. */
    public static double slowShare(long segment) {
        return (1 + Math.sin(0.7 * segment)) / 2;
    }

    /** The p95 latency that histogram_quantile must give inside a segment (linear within the 0.2–0.5 s bucket). */
    public static double p95(long segment) {
        double s = slowShare(segment);
        return 0.2 + 0.3 * (0.2 + 0.2 * s) / (0.4 + 0.2 * s);
    }

    /**
     * The segment whose rate a {@code rate(...[window])} at {@code t} measures exactly (all the samples
     * it reads were taken inside one segment), or -1 when the window spans two segments or leaves the history.
     */
    public long segmentOf(long t, long window) {
        // Prometheus 2 reads the samples in [t - window, t]; t and the window are on the 15 s sample grid
        long first = t - window;
        if (first < start || t > end()) {
            return -1;
        }
        long a = (first - start) / SEGMENT;
        long b = (t - SAMPLE_INTERVAL - start) / SEGMENT;
        return a == b ? a : -1;
    }

    /** The whole history in OpenMetrics text, for {@code promtool tsdb create-blocks-from openmetrics}. */
    public String openMetrics() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE liberator_gateway_requests counter\n");
        REQUESTS.forEach(c -> counterSamples(out, c.name(), c.labels(), c.baseRate(), c.phase()));
        out.append("# TYPE liberator_gateway_auth_failures counter\n");
        AUTH_FAILURES.forEach(c -> counterSamples(out, c.name(), c.labels(), c.baseRate(), c.phase()));
        out.append("# TYPE liberator_gateway_upstream_latency_seconds histogram\n");
        Map<String, Double> buckets = new LinkedHashMap<>();
        buckets.put("0.1", 2.0);
        buckets.put("0.2", 3.6);
        buckets.put("0.5", 4.0);
        buckets.put("+Inf", 4.0);
        buckets.forEach((le, rate) -> latencySamples(out, "liberator_gateway_upstream_latency_seconds_bucket",
                Map.of("route", "query_range", "outcome", "answered", "le", le), rate, "0.2".equals(le)));
        latencySamples(out, "liberator_gateway_upstream_latency_seconds_count",
                Map.of("route", "query_range", "outcome", "answered"), 4.0, false);
        latencySamples(out, "liberator_gateway_upstream_latency_seconds_sum",
                Map.of("route", "query_range", "outcome", "answered"), 1.0, false);
        out.append("# TYPE up gauge\n");
        gaugeSamples(out, "up", Map.of("job", "liberator-gateway", "instance", "gw-1"), 1);
        gaugeSamples(out, "up", Map.of("job", "liberator-gateway", "instance", "gw-2"), 1);
        gaugeSamples(out, "up", Map.of("job", "node", "instance", "node-1"), 0);
        return out.append("# EOF\n").toString();
    }

    private void counterSamples(StringBuilder out, String name, Map<String, String> labels, double rate, double phase) {
        double value = 1000;
        for (long t = start; t <= end(); t += SAMPLE_INTERVAL) {
            if (t > start) {
                value += rate * factor(phase, (t - SAMPLE_INTERVAL - start) / SEGMENT) * SAMPLE_INTERVAL;
            }
            sample(out, name, labels, value, t);
        }
    }

    /** Every latency series moves with the total's wave (phase 0); the 0.2 s bucket also loses the slow share. */
    private void latencySamples(StringBuilder out, String name, Map<String, String> labels, double rate, boolean slow) {
        double value = 1000;
        for (long t = start; t <= end(); t += SAMPLE_INTERVAL) {
            if (t > start) {
                long segment = (t - SAMPLE_INTERVAL - start) / SEGMENT;
                double r = slow ? rate - 0.2 * slowShare(segment) : rate;
                value += r * factor(0, segment) * SAMPLE_INTERVAL;
            }
            sample(out, name, labels, value, t);
        }
    }

    private void gaugeSamples(StringBuilder out, String name, Map<String, String> labels, double value) {
        for (long t = start; t <= end(); t += SAMPLE_INTERVAL) {
            sample(out, name, labels, value, t);
        }
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, double value, long t) {
        out.append(name).append('{');
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=\"" + v + "\""));
        out.append(String.join(",", pairs)).append("} ").append(String.format(Locale.ROOT, "%.9f", value)).append(' ').append(t).append('\n');
    }

    private static Counter request(String consumer, String route, String code, String reason, double rate, double phase) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("consumer", consumer);
        labels.put("route", route);
        labels.put("code", code);
        labels.put("reason", reason);
        return new Counter("liberator_gateway_requests_total", labels, rate, phase);
    }

    private static Counter counter(String name, double rate, double phase, String label, String value) {
        return new Counter(name, Map.of(label, value), rate, phase);
    }
}
