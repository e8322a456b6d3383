package com.cloudquant.liberator.promql.testing;

import java.util.List;

/**
 * A fixture of two tenants' series in OpenMetrics form, for backfilling a test Prometheus:
 * every series has {@code tenant} ("a" or "b") and {@code namespace} ("payments" or "other"),
 * one hour of samples every 15 s starting at {@link #start()}.
 */
public final class TwoTenants {

    private static final List<String> GAUGES = List.of("up", "x", "a", "b", "c", "d", "foo", "bar", "secret",
            "build_version", "http_requests_total", "node_cpu_seconds_total", "instance_cpu_time_ns",
            "http_request_duration_seconds_bucket", "liberator_gateway_requests_total",
            "liberator_gateway_upstream_latency_seconds_bucket", "liberator_gateway_projection_tokens",
            "liberator_gateway_in_flight", "method_code:http_errors:rate5m", "method:http_requests:rate5m");

    private final long start;

    /** Starts the hour at the last full hour at least two hours ago (inside Prometheus's retention). */
    public TwoTenants(long nowSeconds) {
        this.start = nowSeconds / 3600 * 3600 - 7200;
    }

    public long start() {
        return start;
    }

    /** A time, in seconds, with 50 minutes of data before it. */
    public long queryTime() {
        return start + 3000;
    }

    /** Both tenants' series. */
    public String openMetrics() {
        return openMetrics(List.of("a", "b"));
    }

    /** The series of the given tenants only ("a", "b"); each tenant's series are the same whatever the others. */
    public String openMetrics(List<String> tenants) {
        StringBuilder sb = new StringBuilder(1 << 20);
        for (String family : GAUGES) {
            sb.append("# TYPE ").append(family).append(" gauge\n");
            int seriesNo = 0;
            for (String tenant : List.of("a", "b")) {
                for (String instance : List.of("i1", "i2")) {
                    for (String le : family.endsWith("_bucket") ? List.of("0.1", "1", "+Inf") : List.of("")) {
                        seriesNo++;
                        if (!tenants.contains(tenant)) {
                            continue;
                        }
                        String labels = "tenant=\"" + tenant + "\",namespace=\""
                                + (tenant.equals("a") ? "payments" : "other") + "\",instance=\"" + instance
                                + "\",job=\"api\",code=\"" + (seriesNo % 2 == 0 ? "200" : "500") + "\",method=\"GET\""
                                + (le.isEmpty() ? "" : ",le=\"" + le + "\"");
                        for (int k = 0; k <= 240; k++) {
                            double value = family.endsWith("_total") || family.endsWith("_bucket")
                                    ? k * seriesNo : (k * 7 + seriesNo) % 11;
                            sb.append(family).append('{').append(labels).append("} ").append(value).append(' ')
                                    .append(start + k * 15L).append('\n');
                        }
                    }
                }
            }
        }
        return sb.append("# EOF\n").toString();
    }
}
