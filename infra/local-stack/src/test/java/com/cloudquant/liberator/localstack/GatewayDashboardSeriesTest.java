package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.deploy.DashboardQueries;
import com.cloudquant.liberator.deploy.PromqlNames;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped Grafana dashboard reads what the gateways really export: every metric and label
 * its queries name is in a series the stack's Prometheus scraped from the real gateway replicas.
 * A query over a metric nobody exports still answers "success", with nothing in it: the panel
 * would stay blank without an error, so the names are checked against the scrape itself, not
 * against the gateway's sources.
 */
@ExtendWith(SharedStack.class)
class GatewayDashboardSeriesTest {

    /** The gateways' scrape job in the stack's prometheus.yml, as in the shipped one. */
    private static final String GATEWAY_JOB = "liberator-gateway";
    /** Many scrape intervals (2 s here): each replica scraped after the requests below. */
    private static final Duration SCRAPES = Duration.ofSeconds(45);
    /** Shaped like a token, but its checksum is wrong: an auth failure, so that counter exists. */
    private static final String BAD_TOKEN = "cqm_" + "0".repeat(48);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyMetricAndLabelTheShippedDashboardNamesIsInTheGatewaysScrape() {
        StackClient client = SharedStack.client();
        StackClient.Issued issued = client.issue("grafana-dashboard-series");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.query(issued.token(), "up").statusCode() == 200);
        // the meters born at their first use (answers by code and consumer, upstream latency by route,
        // auth failures by reason), on each replica
        for (int replica = 0; replica < 2; replica++) {
            assertThat(client.queryReplica(replica, issued.token(), "up").statusCode()).isEqualTo(200);
        }
        assertThat(client.query(BAD_TOKEN, "up").statusCode()).isEqualTo(401);

        assertThat(DashboardQueries.gatewayDashboard()).hasSizeGreaterThan(5);
        await().atMost(SCRAPES).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Set<String>> scraped = gatewaySeries(client);
            for (String query : DashboardQueries.gatewayDashboard()) {
                PromqlNames names = PromqlNames.of(query);
                assertThat(names.metrics()).as("metrics in `%s`", query).isNotEmpty();
                assertThat(scraped.keySet()).as("metrics the gateways export, named by `%s`", query)
                        .containsAll(names.metrics());
                Set<String> labels = new TreeSet<>();
                names.metrics().forEach(metric -> labels.addAll(scraped.get(metric)));
                assertThat(labels).as("labels of %s, named by `%s`", names.metrics(), query).containsAll(names.labels());
            }
        });
    }

    /** Every metric Prometheus holds from the gateways' job, with the label names of its series. */
    private static Map<String, Set<String>> gatewaySeries(StackClient client) {
        String url = "http://127.0.0.1:" + SharedStack.stack().ports().prometheus() + "/api/v1/series?match[]="
                + URLEncoder.encode("{job=\"" + GATEWAY_JOB + "\"}", StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (JsonNode series : json(response.body()).path("data")) {
            Set<String> labels = metrics.computeIfAbsent(series.path("__name__").asText(), name -> new TreeSet<>());
            series.fieldNames().forEachRemaining(labels::add);
        }
        return metrics;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
