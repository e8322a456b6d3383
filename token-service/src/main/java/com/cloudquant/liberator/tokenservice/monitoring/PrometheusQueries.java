package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the summary from Prometheus's HTTP API, server-side: the browser never talks to
 * Prometheus (the page's CSP allows only this origin, and Prometheus is not public).
 */
@Singleton
class PrometheusQueries {

    static final String TARGETS_UP = "sum(up)";
    static final String TARGETS_TOTAL = "count(up)";
    static final String REQUEST_RATE = "sum(rate(liberator_gateway_requests_total[5m]))";
    static final String AUTH_FAILURES = "sum(increase(liberator_gateway_auth_failures_total[1h]))";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusQueries.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitoringSettings settings;
    private final HttpClient http;

    PrometheusQueries(MonitoringSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    MonitoringSummary summary() {
        if (settings.prometheusUrl() == null) {
            return MonitoringSummary.notConfigured();
        }
        String base = settings.prometheusUrl().toString().replaceAll("/+$", "");
        try {
            return new MonitoringSummary("ok", base, scalar(base, TARGETS_UP), scalar(base, TARGETS_TOTAL),
                    scalar(base, REQUEST_RATE), scalar(base, AUTH_FAILURES), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision=monitoring-unavailable url={} error={}", base, e.toString());
            return MonitoringSummary.unreachable(base, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MonitoringSummary.unreachable(base, "interrupted");
        }
    }

    /** The single value of an instant query; {@code null} when the result is empty. */
    private Double scalar(String base, String query) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + query);
        }
        JsonNode result = JSON.readTree(response.body()).path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return null;
        }
        double value = Double.parseDouble(result.get(0).path("value").get(1).asText());
        return Double.isNaN(value) ? null : value;
    }
}
