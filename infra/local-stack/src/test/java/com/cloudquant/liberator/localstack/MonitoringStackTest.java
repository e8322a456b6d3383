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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring view and the token list's use columns against the real stack: its Prometheus scraping
 * both real gateway replicas and the token-service (every 2 s here, 30 s as shipped), queried by the
 * real token-service. A gateway meter renamed on either side leaves these numbers empty and fails here.
 */
@ExtendWith(SharedStack.class)
class MonitoringStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Many scrape intervals: Prometheus must have scraped each replica twice after the requests. */
    private static final Duration SCRAPES = Duration.ofSeconds(45);
    private static final int REQUESTS = 20;

    private final StackClient client = SharedStack.client();

    @Test
    void theSummaryAndTheTokenListShowWhatTheGatewaysReallyServed() {
        StackClient.Issued issued = client.issue("grafana-usage");
        // not what this test measures (RevocationTest and LocalStackEndToEndTest do): generous on a loaded machine
        await().atMost(Duration.ofSeconds(30)).until(() -> client.query(issued.token(), "1+1").statusCode() == 200);
        // a refusal at authentication, so the summary's auth-failure series exists
        assertThat(client.query("cqm_not-a-token", "up").statusCode()).isEqualTo(401);
        // each replica makes the token's series on its first answer; increase() counts from the first
        // scrape of a series on, so the requests that count are made once both replicas' series were scraped
        for (int replica = 0; replica < 2; replica++) {
            assertThat(client.queryReplica(replica, issued.token(), "up").statusCode()).isEqualTo(200);
        }
        await().atMost(SCRAPES).until(() -> prometheusCount(GatewayMetric.TOKEN_REQUESTS.series()
                + "{" + GatewayMetric.TOKEN_ID + "=\"" + issued.id() + "\"}") == 2);

        Instant firstRequest = Instant.now();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = i % 2 == 0 ? client.query(issued.token(), "up")
                    : client.postQuery(issued.token(), "up");
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

        await().atMost(SCRAPES).untilAsserted(() -> {
            // path(), not get(): a number the summary leaves out is an assertion that fails, and is awaited again
            JsonNode summary = json(client.monitoringSummary());
            assertThat(summary.path("state").asText()).as(summary.toString()).isEqualTo("ok");
            assertThat(summary.path("targetsUp").asDouble()).as(summary.toString()).isGreaterThan(0);
            assertThat(summary.path("targetsTotal").asDouble()).isGreaterThanOrEqualTo(summary.path("targetsUp").asDouble());
            assertThat(summary.path("requestsPerSecond").isNumber()).as(summary.toString()).isTrue();
            assertThat(summary.path("requestsPerSecond").asDouble()).isGreaterThan(0);
            assertThat(summary.path("authFailuresLastHour").isNumber()).as(summary.toString()).isTrue();
        });
    }

    private JsonNode listed(String id) {
        for (JsonNode item : json(client.list())) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("token " + id + " not in the list");
    }

    /** How many series Prometheus holds for {@code selector}, asked of the stack's Prometheus directly. */
    private int prometheusCount(String selector) {
        String url = "http://127.0.0.1:" + SharedStack.stack().ports().prometheus() + "/api/v1/query?query="
                + URLEncoder.encode("count(" + selector + ")", StandardCharsets.UTF_8);
        JsonNode result = json(client.send(HttpRequest.newBuilder(URI.create(url)).GET().build()))
                .path("data").path("result");
        return result.isEmpty() ? 0 : Integer.parseInt(result.get(0).path("value").get(1).asText());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
