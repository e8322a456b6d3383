package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The System Monitoring view and the token list's use columns against the real stack: the local
 * stack's Prometheus scrapes the real gateway replicas (every 2 s here, 30 s as shipped), and the
 * real token-service reads it. Unlike the token-service's own tests, nothing here was written to
 * match the implementation's query strings: when a metric the gateways export is renamed, or a
 * query names a metric they do not export, this fails.
 */
@ExtendWith(SharedStack.class)
class MonitoringStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSUMER = "monitoring-e2e";
    /** Many scrape intervals: Prometheus must have scraped each replica twice after the requests. */
    private static final Duration SCRAPES = Duration.ofSeconds(45);
    private static final int REQUESTS = 20;
    /** Shaped like a token, but its checksum is wrong: refused as an auth failure with reason checksum. */
    private static final String BAD_TOKEN = "cqm_" + "0".repeat(48);

    @Test
    void theSummaryAndEveryGatewayChartShowTrafficServedThroughTheEntry() throws InterruptedException {
        StackClient client = SharedStack.client();
        StackClient.Issued issued = client.issue(CONSUMER);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.query(issued.token(), "up").statusCode() == 200);
        // Steady traffic while Prometheus scrapes, as a dashboard makes it: a counter is born at its first
        // request, so a burst that ends before the next scrape would leave rate() nothing to measure.
        try (RequestLoop served = new RequestLoop("served", Set.of(200), () -> paced(client.query(issued.token(), "up")));
             RequestLoop refused = new RequestLoop("refused", Set.of(401), () -> paced(client.query(BAD_TOKEN, "up")))) {
            // Prometheus scrapes every 2 s here; rate() needs two scrapes after the traffic began
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                JsonNode charts = json(client.adminGet("/api/v1/monitoring/charts?range=15m"));
                assertThat(charts.path("state").asText()).as(charts.toString()).isEqualTo("ok");
                assertThat(peak(series(charts, "requests", "2xx"))).as("2xx requests/s").isPositive();
                assertThat(peak(series(charts, "requests", "4xx"))).as("4xx requests/s (the bad token's 401)").isPositive();
                assertThat(peak(series(charts, "consumers", CONSUMER))).as("this consumer's requests/s").isPositive();
                assertThat(peak(series(charts, "latency", "p95"))).as("p95 upstream latency").isPositive();
                assertThat(peak(series(charts, "auth-failures", "checksum"))).as("auth failures/s, reason checksum").isPositive();
                assertThat(peak(series(charts, "targets", "up"))).as("targets up").isGreaterThanOrEqualTo(3);

                JsonNode summary = json(client.adminGet("/api/v1/monitoring/summary"));
                assertThat(summary.path("state").asText()).as(summary.toString()).isEqualTo("ok");
                assertThat(summary.path("requestsPerSecond").asDouble()).as("summary requests/s").isPositive();
                assertThat(summary.path("authFailuresLastHour").asDouble()).as("summary auth failures").isPositive();
                assertThat(summary.path("targetsUp").asDouble()).isGreaterThanOrEqualTo(3);
            });
            served.assertServed(200, 10);
            refused.assertServed(401, 10);
        }
    }

    @Test
    void theTokenListShowsEachTokensUseAsTheGatewaysReallyServedIt() {
        StackClient.Issued issued = client().issue("grafana-usage");
        // not what this test measures (RevocationTest and LocalStackEndToEndTest do): generous on a loaded machine
        await().atMost(Duration.ofSeconds(30)).until(() -> client().query(issued.token(), "1+1").statusCode() == 200);
        // each replica makes the token's series on its first answer; increase() counts from the first
        // scrape of a series on, so the requests that count are made once both replicas' series were scraped
        for (int replica = 0; replica < 2; replica++) {
            assertThat(client().queryReplica(replica, issued.token(), "up").statusCode()).isEqualTo(200);
        }
        await().atMost(SCRAPES).until(() -> prometheusCount(GatewayMetric.TOKEN_REQUESTS.series()
                + "{" + GatewayMetric.TOKEN_ID + "=\"" + issued.id() + "\"}") == 2);

        Instant firstRequest = Instant.now();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = i % 2 == 0 ? client().query(issued.token(), "up")
                    : client().postQuery(issued.token(), "up");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        Instant lastRequest = Instant.now();

        await().atMost(SCRAPES).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode item = listed(issued.id());
            assertThat(item.path("usageUnavailable").isNull()).as(item.toString()).isTrue();
            assertThat(item.path("requests24h").asLong()).as(item.toString()).isGreaterThanOrEqualTo(REQUESTS);
            assertThat(item.path("lastUsedAt").isTextual()).as(item.toString()).isTrue();
            assertThat(Instant.parse(item.get("lastUsedAt").asText())).isBetween(firstRequest.minusSeconds(1),
                    lastRequest.plusSeconds(1));
        });
        // no upper bound: over a series seconds old, increase() extrapolates to the window's end by up to a
        // scrape interval's worth, a large share of 20 requests made within a few seconds
        assertThat(listed(issued.id()).get("unused").asBoolean()).isFalse();
    }

    private static JsonNode listed(String id) {
        for (JsonNode item : json(client().list())) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("token " + id + " not in the list");
    }

    /** How many series Prometheus holds for {@code selector}, asked of the stack's Prometheus directly. */
    private static int prometheusCount(String selector) {
        String url = "http://127.0.0.1:" + SharedStack.stack().ports().prometheus() + "/api/v1/query?query="
                + URLEncoder.encode("count(" + selector + ")", StandardCharsets.UTF_8);
        JsonNode result = json(client().send(HttpRequest.newBuilder(URI.create(url)).GET().build()))
                .path("data").path("result");
        return result.isEmpty() ? 0 : Integer.parseInt(result.get(0).path("value").get(1).asText());
    }

    /** A dashboard's pace, not a load test. */
    private static Optional<HttpResponse<String>> paced(HttpResponse<String> response) throws InterruptedException {
        Thread.sleep(100);
        return Optional.of(response);
    }

    private static StackClient client() {
        return SharedStack.client();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode chart(JsonNode answer, String id) {
        for (JsonNode chart : answer.path("charts")) {
            if (chart.path("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " in " + answer);
    }

    /** The series of that name, or a missing node (whose peak is 0) when the chart has none yet. */
    private static JsonNode series(JsonNode answer, String chart, String name) {
        for (JsonNode series : chart(answer, chart).path("series")) {
            if (series.path("name").asText().equals(name)) {
                return series;
            }
        }
        return JSON.missingNode();
    }

    private static double peak(JsonNode series) {
        double peak = 0;
        for (JsonNode point : series.path("points")) {
            peak = Math.max(peak, point.path(1).asDouble());
        }
        return peak;
    }
}
