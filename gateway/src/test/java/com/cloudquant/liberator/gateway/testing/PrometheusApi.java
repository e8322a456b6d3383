package com.cloudquant.liberator.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the Prometheus HTTP API at a base URL: Prometheus itself, or the gateway's Bearer route
 * with a token. The oracle asks both the same way, so only the base and the header differ.
 */
public final class PrometheusApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String[] headers;

    public PrometheusApi(String base, String... headers) {
        this.base = base;
        this.headers = headers;
    }

    /** An instant query at {@code time} (epoch seconds). */
    public HttpResponse<String> query(String promql, long time) {
        return get("/api/v1/query?query=" + encode(promql) + "&time=" + time);
    }

    /** A range query from {@code start} to {@code end} every {@code step} seconds. */
    public HttpResponse<String> queryRange(String promql, long start, long end, long step) {
        return get("/api/v1/query_range?query=" + encode(promql) + "&start=" + start + "&end=" + end + "&step=" + step);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Percent-encodes a parameter value (a space as {@code %20}, which every decoder reads the same). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
