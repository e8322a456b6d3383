package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.BackfilledPrometheus;
import com.cloudquant.liberator.tokenservice.support.GatewayHistory;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.Started;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/monitoring/charts} against a real Prometheus holding 75 minutes of gateway
 * metrics with known rates: every chart's series carry the values the gateways' counters imply.
 */
class MonitoringChartsTest {

    /** The rate window of the 1h range (ChartRange.rateWindow: 4 steps, at least 2 minutes). */
    private static final long WINDOW = 120;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static final Started started = new Started();
    static GatewayHistory history;
    static BackfilledPrometheus prometheus;
    static MockOAuth2Server idp;
    static TokenServiceInstance service;

    @BeforeAll
    static void start() throws Exception {
        history = GatewayHistory.endingNow();
        prometheus = started.own(history.serve(Files.createDirectories(temp.resolve("prometheus"))));
        idp = new MockOAuth2Server();
        idp.start();
        started.own(idp::shutdown);
        service = started.own(TokenServiceInstance.start(MonitoredSettings.trusting(
                MonitoredSettings.of(KAFKA, "tokens-charts", temp.resolve("keys"), prometheus.url()), idp, "liberator")));
    }

    @AfterAll
    static void stop() throws Exception {
        started.close();
    }

    @Test
    void everyChartCarriesTheValuesTheGatewaysCountersImply() {
        JsonNode answer = charts("1h");
        assertThat(answer.get("state").asText()).isEqualTo("ok");
        assertThat(answer.get("prometheusUrl").asText()).isEqualTo(prometheus.url());
        assertThat(ids(answer)).containsExactly("requests", "latency", "auth-failures", "consumers", "targets");

        JsonNode requests = chart(answer, "requests");
        assertThat(names(requests)).containsExactly("2xx", "4xx", "5xx");
        assertThat(requests.get("unit").asText()).isEqualTo("req/s");
        for (String statusClass : List.of("2", "4", "5")) {
            assertPoints(series(requests, statusClass + "xx"), segment -> GatewayHistory.REQUESTS.stream()
                    .filter(c -> c.labels().get("code").startsWith(statusClass))
                    .mapToDouble(c -> c.baseRate() * GatewayHistory.factor(c.phase(), segment)).sum());
        }

        JsonNode latency = chart(answer, "latency");
        assertThat(names(latency)).containsExactly("p95");
        assertThat(latency.get("unit").asText()).isEqualTo("s");
        assertPoints(series(latency, "p95"), GatewayHistory::p95);

        JsonNode authFailures = chart(answer, "auth-failures");
        assertThat(names(authFailures)).containsExactly("expired", "unknown");
        assertPoints(series(authFailures, "unknown"), segment -> 0.2 * GatewayHistory.factor(2.0, segment));
        assertPoints(series(authFailures, "expired"), segment -> 0.05 * GatewayHistory.factor(4.0, segment));

        JsonNode consumers = chart(answer, "consumers");
        assertThat(names(consumers)).as("the ten busiest; never '-', the answers to requests without a valid token")
                .containsExactlyInAnyOrder("grafana-prod", "ci-bot", "team-03", "team-04", "team-05", "team-06",
                        "team-07", "team-08", "team-09", "team-10");
        assertPoints(series(consumers, "grafana-prod"), segment -> 3.0 * GatewayHistory.factor(0, segment)
                + 0.5 * GatewayHistory.factor(1.0, segment));
        assertPoints(series(consumers, "team-10"), segment -> 0.1 * GatewayHistory.factor(0, segment));

        JsonNode targets = chart(answer, "targets");
        assertThat(names(targets)).containsExactly("up", "configured");
        assertThat(values(series(targets, "up"))).hasSizeGreaterThan(200).containsOnly(2.0);
        assertThat(values(series(targets, "configured"))).hasSizeGreaterThan(200).containsOnly(3.0);
    }

    @Test
    void eachRangeHasItsStepAndAFewHundredPointsAtMost() {
        Map<String, Long> steps = Map.of("15m", 5L, "1h", 15L, "6h", 120L, "24h", 300L);
        Map<String, Long> lengths = Map.of("15m", 900L, "1h", 3600L, "6h", 21_600L, "24h", 86_400L);
        for (String range : List.of("15m", "1h", "6h", "24h")) {
            JsonNode answer = charts(range);
            long step = answer.get("step").asLong();
            long start = answer.get("start").asLong();
            long end = answer.get("end").asLong();

            assertThat(answer.get("range").asText()).isEqualTo(range);
            assertThat(step).as(range).isEqualTo(steps.get(range));
            assertThat(end - start).as(range).isEqualTo(lengths.get(range));
            assertThat(end % step).as("the last point on the step grid").isZero();
            assertThat((end - start) / step).as(range).isBetween(100L, 300L);
            assertThat(series(chart(answer, "requests"), "2xx").get("points")).as(range).isNotEmpty()
                    .allSatisfy(point -> assertThat((point.get(0).asLong() - start) % step).isZero())
                    .hasSizeLessThanOrEqualTo((int) ((end - start) / step + 1));
        }
        assertThat(json(service.get("/api/v1/monitoring/charts", ADMIN)).get("range").asText())
                .as("no range: the last hour").isEqualTo("1h");
    }

    @Test
    void aRangeOutsideTheListIsRefusedSayingWhichRangesThereAre() {
        for (String bad : List.of("2h", "1H", "3600", "1h%3Bdrop", "")) {
            HttpResponse<String> response = service.get("/api/v1/monitoring/charts?range=" + bad, ADMIN);

            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("field").asText()).isEqualTo("range");
            assertThat(json(response).get("detail").asText()).contains("15m, 1h, 6h, 24h").doesNotContain("Exception");
        }
    }

    @Test
    void bothRolesMayLookAndNobodyElse() {
        String auditor = TokenServiceInstance.bearer(idp.issueToken("corp", "bob-subject", "liberator",
                Map.of("preferred_username", "bob", "groups", List.of("auditor")), 300).serialize());
        String stranger = TokenServiceInstance.bearer(idp.issueToken("corp", "eve-subject", "liberator",
                Map.of("preferred_username", "eve", "groups", List.of("visitors")), 300).serialize());

        assertThat(service.get("/api/v1/monitoring/charts?range=15m", auditor).statusCode()).isEqualTo(200);
        assertThat(service.get("/api/v1/monitoring/charts?range=15m", stranger).statusCode()).isEqualTo(403);
        assertThat(service.get("/api/v1/monitoring/charts?range=15m", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withPrometheusDownTheChartsSayItIsUnreachableAsTheSummaryDoes() throws Exception {
        int closedPort = FreePort.pick(); // nothing listens there
        try (TokenServiceInstance down = TokenServiceInstance.start(MonitoredSettings.of(KAFKA, "tokens-charts-down",
                temp.resolve("keys-down"), "http://127.0.0.1:" + closedPort))) {
            HttpResponse<String> response = down.get("/api/v1/monitoring/charts?range=6h", ADMIN);
            JsonNode summary = json(down.get("/api/v1/monitoring/summary", ADMIN));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = json(response);
            assertThat(answer.get("state").asText()).isEqualTo("unreachable").isEqualTo(summary.get("state").asText());
            assertThat(answer.get("message").asText()).isEqualTo(summary.get("message").asText())
                    .contains("http://127.0.0.1:" + closedPort, "connection refused").doesNotContain("Exception");
            assertThat(answer.get("charts")).isEmpty();
            assertThat(answer.get("range").asText()).isEqualTo("6h");
        }
    }

    @Test
    void withoutAConfiguredPrometheusTheChartsNameTheKeyToSet() {
        MonitoringCharts answer = new PrometheusCharts(new PrometheusHttp(new MonitoringSettings(null, Duration.ofSeconds(1), 1 << 20, Duration.ofDays(30))))
                .charts(ChartRange.DEFAULT);

        assertThat(answer.state()).isEqualTo("not-configured");
        assertThat(answer.message()).contains("liberator.monitoring.prometheus-url");
        assertThat(answer.charts()).isEmpty();
    }

    /** Every point whose rate window lies inside one segment of the history has the value it implies; many do. */
    private static void assertPoints(JsonNode series, LongFunction<Double> expected) {
        int checked = 0;
        for (JsonNode point : series.get("points")) {
            long segment = history.segmentOf(point.get(0).asLong(), WINDOW);
            if (segment >= 0) {
                assertThat(point.get(1).asDouble()).as("%s at %d", series.get("name"), point.get(0).asLong())
                        .isCloseTo(expected.apply(segment), within(1e-6));
                checked++;
            }
        }
        assertThat(checked).as("points of %s inside one segment", series.get("name")).isGreaterThan(100);
    }

    private static JsonNode charts(String range) {
        HttpResponse<String> response = service.get("/api/v1/monitoring/charts?range=" + range, ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("charts").forEach(chart -> ids.add(chart.get("id").asText()));
        return ids;
    }

    private static JsonNode chart(JsonNode answer, String id) {
        for (JsonNode chart : answer.get("charts")) {
            if (chart.get("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " in " + answer);
    }

    private static List<String> names(JsonNode chart) {
        List<String> names = new ArrayList<>();
        chart.get("series").forEach(series -> names.add(series.get("name").asText()));
        return names;
    }

    private static JsonNode series(JsonNode chart, String name) {
        for (JsonNode series : chart.get("series")) {
            if (series.get("name").asText().equals(name)) {
                return series;
            }
        }
        throw new AssertionError("no series " + name + " in " + chart);
    }

    private static List<Double> values(JsonNode series) {
        List<Double> values = new ArrayList<>();
        series.get("points").forEach(point -> values.add(point.get(1).asDouble()));
        return values;
    }
}
