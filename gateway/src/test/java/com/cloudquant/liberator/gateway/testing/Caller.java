package com.cloudquant.liberator.gateway.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One consumer's token calling the gateway's bearer API, and that consumer's own request counts in
 * the gateway's metrics: a token per test gives each test its own rate bucket and its own series.
 */
public record Caller(GatewayHarness gateway, String consumer, GatewayHarness.Issued token) {

    private static final String API = "/metrics-api-bearer/api/v1";

    public HttpResponse<String> get(String pathAndQuery) {
        return gateway.get(API + pathAndQuery, "Authorization", token.bearer());
    }

    public HttpResponse<String> post(String path, String form) {
        return gateway.postForm(API + path, form, "Authorization", token.bearer());
    }

    /** This consumer's {@code liberator_gateway_requests_total} for one code, reason and route (0 if none). */
    public long count(int code, String reason, String route) {
        String series = "liberator_gateway_requests_total{code=\"" + code + "\",consumer=\"" + consumer
                + "\",reason=\"" + reason + "\",route=\"" + route + "\"} ";
        String metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET())
                .body();
        return metrics.lines().filter(line -> line.startsWith(series))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(series.length()).trim())).sum();
    }
}
