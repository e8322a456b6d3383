package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TenantPrometheus.encode;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenservice.support.TenantPrometheus;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.Started;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/scope-preview} against a real Prometheus holding three namespaces' series:
 * what a scope sees is what Prometheus itself answers for that selector, and nothing of another tenant.
 */
class ScopePreviewTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static final Started started = new Started();
    static TenantPrometheus prometheus;
    static MockOAuth2Server idp;
    static TokenServiceInstance service;

    @BeforeAll
    static void start() throws Exception {
        prometheus = started.own(TenantPrometheus.start(Files.createDirectories(temp.resolve("prometheus"))));
        idp = new MockOAuth2Server();
        idp.start();
        started.own(idp::shutdown);
        service = started.own(TokenServiceInstance.start(MonitoredSettings.trusting(
                MonitoredSettings.of(KAFKA, "tokens-preview", temp.resolve("keys"), prometheus.url()), idp, "liberator")));
    }

    @AfterAll
    static void stop() throws Exception {
        started.close();
    }

    @Test
    void eachTenantsPreviewIsWhatPrometheusItselfAnswersForItsSelectorAndNothingOfTheOther() {
        JsonNode payments = preview("{ namespace = 'payments' }"); // written loosely: previewed in canonical form
        JsonNode risk = preview("{namespace=\"risk\"}");

        assertThat(payments.get("scope").asText()).isEqualTo("{namespace=\"payments\"}");
        assertThat(payments.get("window").asText()).isEqualTo("1h");
        assertThat(payments.get("seriesCapped").asBoolean()).isFalse();
        assertThat(payments.get("series").asLong()).isEqualTo(10).isEqualTo(prometheusSeries("{namespace=\"payments\"}").size());
        assertThat(strings(payments.get("metricNames")))
                .containsExactly("http_requests_total", "node_cpu_seconds_total", "payments_queue_depth")
                .containsExactlyElementsOf(prometheusNames("{namespace=\"payments\"}"))
                .doesNotContain("risk_secret_total", "risk_exposure_ratio");
        assertThat(payments.get("metricNamesTotal").asLong()).isEqualTo(3);

        assertThat(risk.get("series").asLong()).isEqualTo(3).isEqualTo(prometheusSeries("{namespace=\"risk\"}").size());
        assertThat(strings(risk.get("metricNames")))
                .containsExactly("http_requests_total", "risk_exposure_ratio", "risk_secret_total")
                .containsExactlyElementsOf(prometheusNames("{namespace=\"risk\"}"));
    }

    @Test
    void aScopeThatMatchesNothingSeesNoSeriesRatherThanFailing() {
        JsonNode typo = preview("{namespace=\"payment\"}");

        assertThat(typo.get("series").asLong()).isZero();
        assertThat(typo.get("metricNames")).isEmpty();
        assertThat(typo.get("metricNamesTotal").asLong()).isZero();
    }

    @Test
    void manyMetricNamesAreCutToTheFirstFiftySortedAndCountedInFull() {
        JsonNode bulk = preview("{namespace=~\"bu.*\"}");

        List<String> names = strings(bulk.get("metricNames"));
        assertThat(names).hasSize(50).isSorted().startsWith("bulk_metric_00").endsWith("bulk_metric_49");
        assertThat(bulk.get("metricNamesTotal").asLong()).isEqualTo(60);
        assertThat(bulk.get("series").asLong()).isEqualTo(60);
    }

    @Test
    void seriesBeyondTheCapAreNotCountedAndTheAnswerSaysSo() {
        ScopePreviews capped = new ScopePreviews(new PrometheusHttp(
                new MonitoringSettings(URI.create(prometheus.url()), Duration.ofSeconds(5), 1 << 20, Duration.ofDays(30))), 25);

        ScopePreview bulk = capped.preview(Scope.parse("{namespace=\"bulk\"}"), "test");
        ScopePreview payments = capped.preview(Scope.parse("{namespace=\"payments\"}"), "test");

        assertThat(bulk.series()).isEqualTo(25);
        assertThat(bulk.seriesCapped()).isTrue();
        assertThat(payments.series()).isEqualTo(10);
        assertThat(payments.seriesCapped()).isFalse();
    }

    @Test
    void aBadScopeIsRefusedWithThePositionInTheSameWordsAsIssuing() {
        for (String bad : List.of("{namespace=~\".*\"}", "{namespace=\"payments\"", "up{namespace=\"payments\"}")) {
            HttpResponse<String> previewed = service.get("/api/v1/scope-preview?scope=" + encode(bad), ADMIN);
            HttpResponse<String> issued = service.post("/api/v1/tokens",
                    "{\"consumer\":\"bad-scope\",\"scope\":" + quoted(bad) + "}", ADMIN);

            assertThat(previewed.statusCode()).as(bad).isEqualTo(400);
            assertThat(previewed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(previewed).get("field").asText()).isEqualTo("scope");
            assertThat(json(previewed).get("detail").asText()).contains("at position ")
                    .isEqualTo(json(issued).get("detail").asText());
        }
        assertThat(json(service.get("/api/v1/scope-preview?scope=" + encode("{namespace=~\".*\"}"), ADMIN))
                .get("detail").asText()).contains("at position 12").contains("matches the empty value");
    }

    @Test
    void anEmptyScopeNeedsNoPreviewAndSaysWhy() {
        for (String path : List.of("/api/v1/scope-preview?scope=", "/api/v1/scope-preview?scope=%20", "/api/v1/scope-preview")) {
            HttpResponse<String> response = service.get(path, ADMIN);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).get("field").asText()).isEqualTo("scope");
            assertThat(json(response).get("detail").asText()).contains("sees every series");
        }
    }

    @Test
    void onlyThoseWhoMayIssueMayAsk() {
        String auditor = TokenServiceInstance.bearer(idp.issueToken("corp", "bob-subject", "liberator",
                Map.of("preferred_username", "bob", "groups", List.of("auditor")), 300).serialize());
        String path = "/api/v1/scope-preview?scope=" + encode("{namespace=\"payments\"}");

        assertThat(service.get(path, null).statusCode()).isEqualTo(401);
        assertThat(service.get(path, auditor).statusCode()).isEqualTo(403);
        assertThat(service.get("/api/v1/me", auditor).body()).contains("auditor");
    }

    @Test
    void withPrometheusDownThePreviewIs503SayingSoWhileIssuingStillWorks() throws Exception {
        int closedPort = FreePort.pick(); // nothing listens there
        try (TokenServiceInstance down = TokenServiceInstance.start(MonitoredSettings.of(KAFKA, "tokens-preview-down",
                temp.resolve("keys-down"), "http://127.0.0.1:" + closedPort))) {
            HttpResponse<String> response = down.get("/api/v1/scope-preview?scope="
                    + encode("{namespace=\"payments\"}"), ADMIN);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("detail").asText())
                    .contains("The scope preview is unavailable", "http://127.0.0.1:" + closedPort, "connection refused",
                            "Issuing a token does not need Prometheus")
                    .doesNotContain("Exception", "\tat ");
            HttpResponse<String> issued = down.post("/api/v1/tokens",
                    "{\"consumer\":\"payments-grafana\",\"scope\":\"{namespace=\\\"payments\\\"}\"}", ADMIN);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        }
    }

    @Test
    void withoutAConfiguredPrometheusThePreviewNamesTheKeyToSet() {
        ScopePreviews unconfigured = new ScopePreviews(new PrometheusHttp(new MonitoringSettings(null, Duration.ofSeconds(1), 1 << 20, Duration.ofDays(30))));

        assertThat(catchThrowableOfType(
                () -> unconfigured.preview(Scope.parse("{namespace=\"payments\"}"), "test"),
                PrometheusUnavailableException.class).getMessage())
                .contains("no Prometheus is configured", "liberator.monitoring.prometheus-url");
    }

    private static JsonNode preview(String scope) {
        HttpResponse<String> response = service.get("/api/v1/scope-preview?scope=" + encode(scope), ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Prometheus's own {@code /api/v1/series} for the selector over the last hour. */
    private static List<JsonNode> prometheusSeries(String selector) {
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> response = prometheus.get("/api/v1/series?match[]=" + encode(selector)
                + "&start=" + (now - 3600) + "&end=" + now);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> series = new ArrayList<>();
        json(response).get("data").forEach(series::add);
        return series;
    }

    private static TreeSet<String> prometheusNames(String selector) {
        TreeSet<String> names = new TreeSet<>();
        prometheusSeries(selector).forEach(s -> names.add(s.get("__name__").asText()));
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
