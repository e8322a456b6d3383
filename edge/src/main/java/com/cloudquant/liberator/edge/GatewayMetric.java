package com.cloudquant.liberator.edge;

import java.util.List;

/**
 * A gateway meter that another part of the product reads back from Prometheus: the one place its
 * name is spelled. The gateway registers it under {@link #meterName()}; the token-service queries
 * {@link #series()}, the name Micrometer's Prometheus naming gives it. A rename here renames both
 * sides at once; the gateway's own test checks that every {@link #ALL} series is what its
 * management port really exports, and the local-stack test checks that a real Prometheus scraping
 * real gateways answers the token-service's queries.
 *
 * @param meterName the Micrometer name, dot-separated, e.g. {@code liberator.gateway.requests}
 * @param suffix    what Micrometer's Prometheus naming appends to the series others query:
 *                  {@code _total} for a counter, {@code _seconds_bucket} for a timer's histogram,
 *                  nothing for a gauge
 */
public record GatewayMetric(String meterName, String suffix) {

    private static final String COUNTER = "_total";

    /** Every answer of the public port, by {@code consumer}, {@code route}, {@code code} and {@code reason}. */
    public static final GatewayMetric REQUESTS = new GatewayMetric("liberator.gateway.requests", COUNTER);
    /** Requests refused at authentication, by {@code reason}. */
    public static final GatewayMetric AUTH_FAILURES = new GatewayMetric("liberator.gateway.auth.failures", COUNTER);
    /** Every answer to an authenticated request, by {@code token_id} (the id only, never the secret or hint). */
    public static final GatewayMetric TOKEN_REQUESTS = new GatewayMetric("liberator.gateway.token.requests", COUNTER);
    /** Unix seconds of the last answer to an authenticated request, by {@code token_id}. */
    public static final GatewayMetric TOKEN_LAST_REQUEST =
            new GatewayMetric("liberator.gateway.token.last.request.timestamp.seconds", "");

    /** Time until Prometheus answered with headers, by {@code route} and {@code outcome}; a histogram, read by its buckets. */
    public static final GatewayMetric UPSTREAM_LATENCY = new GatewayMetric("liberator.gateway.upstream.latency", "_seconds_bucket");

    /** The label both per-token meters carry. */
    public static final String TOKEN_ID = "token_id";

    /** Every meter named here. */
    public static final List<GatewayMetric> ALL = List.of(REQUESTS, AUTH_FAILURES, UPSTREAM_LATENCY, TOKEN_REQUESTS,
            TOKEN_LAST_REQUEST);

    /** The Prometheus series name, e.g. {@code liberator_gateway_requests_total}. */
    public String series() {
        return meterName.replace('.', '_') + suffix;
    }
}
