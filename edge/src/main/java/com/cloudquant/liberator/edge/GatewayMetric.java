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
 * @param counter   whether it is a counter (Prometheus names counters with a {@code _total} suffix)
 */
public record GatewayMetric(String meterName, boolean counter) {

    /** Every answer of the public port, by {@code consumer}, {@code route}, {@code code} and {@code reason}. */
    public static final GatewayMetric REQUESTS = new GatewayMetric("liberator.gateway.requests", true);
    /** Requests refused at authentication, by {@code reason}. */
    public static final GatewayMetric AUTH_FAILURES = new GatewayMetric("liberator.gateway.auth.failures", true);
    /** Every answer to an authenticated request, by {@code token_id} (the id only, never the secret or hint). */
    public static final GatewayMetric TOKEN_REQUESTS = new GatewayMetric("liberator.gateway.token.requests", true);
    /** Unix seconds of the last answer to an authenticated request, by {@code token_id}. */
    public static final GatewayMetric TOKEN_LAST_REQUEST =
            new GatewayMetric("liberator.gateway.token.last.request.timestamp.seconds", false);

    /** The label both per-token meters carry. */
    public static final String TOKEN_ID = "token_id";

    /** Every meter named here. */
    public static final List<GatewayMetric> ALL = List.of(REQUESTS, AUTH_FAILURES, TOKEN_REQUESTS, TOKEN_LAST_REQUEST);

    /** The Prometheus series name, e.g. {@code liberator_gateway_requests_total}. */
    public String series() {
        String base = meterName.replace('.', '_');
        return counter ? base + "_total" : base;
    }
}
