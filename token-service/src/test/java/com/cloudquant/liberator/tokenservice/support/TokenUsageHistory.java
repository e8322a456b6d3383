package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.edge.GatewayMetric;
import java.util.function.LongUnaryOperator;

/**
 * The gateways' per-token meters as a Prometheus would have scraped them every 15 s, as OpenMetrics
 * for {@link BackfilledPrometheus}: for each replica that served a token, its last-request gauge and
 * its request counter from the time it first served it until it stopped exporting (now, or its restart).
 */
public final class TokenUsageHistory {

    public static final int STEP = 15;

    private final StringBuilder gauges = new StringBuilder();
    private final StringBuilder counters = new StringBuilder();

    /**
     * Samples every {@link #STEP} seconds from {@code from} to {@code to} (unix seconds) of replica
     * {@code instance}: {@code lastRequest} and {@code requests} give the gauge and counter at a time.
     */
    public TokenUsageHistory served(String tokenId, String instance, long from, long to, LongUnaryOperator lastRequest,
                                    LongUnaryOperator requests) {
        for (long t = from; t <= to; t += STEP) {
            sample(gauges, GatewayMetric.TOKEN_LAST_REQUEST, tokenId, instance, lastRequest.applyAsLong(t), t);
            sample(counters, GatewayMetric.TOKEN_REQUESTS, tokenId, instance, requests.applyAsLong(t), t);
        }
        return this;
    }

    /** One family after the other, as OpenMetrics requires. */
    public String openMetrics() {
        return gauges + counters.toString() + "# EOF\n";
    }

    private static void sample(StringBuilder out, GatewayMetric metric, String tokenId, String instance, long value,
                               long time) {
        out.append(metric.series()).append('{').append(GatewayMetric.TOKEN_ID).append("=\"").append(tokenId)
                .append("\",instance=\"").append(instance).append("\",job=\"gateway\"} ").append(value).append(' ')
                .append(time).append('\n');
    }
}
