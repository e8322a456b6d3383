package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.testing.PrometheusApi.encode;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusAnswers;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.ScopeViolationCounts;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each endpoint for a token scoped {@code {namespace="payments"}}, through the real gateway in front
 * of a real Prometheus holding two tenants: the answer is what Prometheus answers, asked directly,
 * with the scope written into the request by hand; the attacks through aggregation parameters
 * return nothing of the other tenant; a request the gateway cannot turn into one scoped request is
 * refused with Prometheus's error JSON; and the defence-in-depth filters never had to drop anything.
 */
@ExtendWith({SharedInfra.class, TwoTenantPrometheus.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScopedEndpointsTest {

    private static final String P = "/metrics-api-bearer";
    private static final String SCOPE = "{namespace=\"payments\"}";
    private static final String RANGE = "&start=" + (AT - 3600) + "&end=" + AT;

    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;
    private static PrometheusApi scoped;
    private static PrometheusApi prometheus;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(TwoTenantPrometheus.fixture().url(), TwoTenantPrometheus.GATEWAY_SETTINGS);
        token = gateway.issueScoped("payments-grafana", Scope.parse(SCOPE));
        scoped = new PrometheusApi(gateway.url() + P, "Authorization", token.bearer());
        prometheus = TwoTenantPrometheus.fixture().api();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Each query as the token sends it, then as written by hand with the scope on every selector. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            up | up{namespace="payments"}
            sum by (namespace, job) (rate(http_requests_total[5m])) | sum by (namespace, job) (rate(http_requests_total{namespace="payments"}[5m]))
            count(topk(scalar(sum(risk_secret_total{namespace="risk"})), {__name__=~".+"})) | count(topk(scalar(sum(risk_secret_total{namespace="risk",namespace="payments"})), {__name__=~".+",namespace="payments"}))
            count(bottomk(scalar(sum(risk_secret_total)), {__name__=~".+"})) | count(bottomk(scalar(sum(risk_secret_total{namespace="payments"})), {__name__=~".+",namespace="payments"}))
            quantile(scalar(sum(risk_exposure_ratio{namespace="risk"})) + 0.5, up) | quantile(scalar(sum(risk_exposure_ratio{namespace="risk",namespace="payments"})) + 0.5, up{namespace="payments"})
            count_values("leak", risk_secret_total{namespace="risk"}) | count_values("leak", risk_secret_total{namespace="risk",namespace="payments"})
            sum(risk_secret_total{namespace="risk"}) > bool 0 | sum(risk_secret_total{namespace="risk",namespace="payments"}) > bool 0
            count(up) > bool scalar(count(risk_secret_total)) | count(up{namespace="payments"}) > bool scalar(count(risk_secret_total{namespace="payments"}))
            """)
    void queriesGetAndPostInstantAndRangeAreAnsweredAsTheQueryScopedByHand(String query, String byHand) {
        PromAnswer expected = PromAnswer.of(prometheus.query(byHand, AT));
        PromAnswer expectedRange = PromAnswer.of(prometheus.queryRange(byHand, AT - 3600, AT, 300));

        assertSameAnswer(expected, scoped.query(query, AT), query);
        assertSameAnswer(expected, scoped.postForm("/api/v1/query", "query=" + encode(query) + "&time=" + AT), query);
        assertSameAnswer(expectedRange, scoped.queryRange(query, AT - 3600, AT, 300), query);
        assertSameAnswer(expectedRange, scoped.postForm("/api/v1/query_range", "query=" + encode(query) + RANGE
                + "&step=300"), query);
    }

    /** The attacks read tenant B's values when unscoped (so they are real), and nothing of them through the scope. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            count(topk(scalar(sum(risk_secret_total{namespace="risk"})), {__name__=~".+"}))
            quantile(scalar(sum(risk_exposure_ratio{namespace="risk"})) + 0.5, up)
            count_values("leak", risk_secret_total{namespace="risk"})
            sum(risk_secret_total{namespace="risk"}) > bool 0
            """)
    void theAttacksReturnNothingOfTheOtherTenant(String attack) {
        HttpResponse<String> through = scoped.query(attack, AT);
        PromAnswer unscoped = PromAnswer.of(prometheus.query(attack, AT));

        // 422 is Prometheus's own answer where the scoped parameter is empty (topk of NaN), as asked directly
        assertThat(through.statusCode()).as(through.body()).isIn(200, 422);
        assertThat(PromAnswer.of(through).canonical()).as("unscoped, the attack reads tenant B").isNotEqualTo(unscoped.canonical());
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(through.body())).isEmpty();
    }

    @Test
    void seriesLabelsLabelValuesAndFederateAreWhatPrometheusAnswersToTheScopedSelectors() {
        String all = encode("{__name__=~\".+\"}");
        String allScoped = encode("{__name__=~\".+\",namespace=\"payments\"}");
        String scope = encode(SCOPE);
        Map<String, String> throughToDirect = Map.of(
                "/api/v1/series?match[]=" + all + RANGE, "/api/v1/series?match[]=" + allScoped + RANGE,
                "/api/v1/series?match[]=up&match[]=" + encode("{namespace=\"risk\"}"),
                "/api/v1/series?match[]=" + encode("up{namespace=\"payments\"}") + "&match[]="
                        + encode("{namespace=\"risk\",namespace=\"payments\"}"),
                "/api/v1/series" + RANGE.replaceFirst("&", "?"), "/api/v1/series?match[]=" + scope + RANGE,
                "/api/v1/labels", "/api/v1/labels?match[]=" + scope,
                "/api/v1/labels?match[]=risk_secret_total", "/api/v1/labels?match[]=" + encode("risk_secret_total" + SCOPE),
                "/api/v1/label/__name__/values", "/api/v1/label/__name__/values?match[]=" + scope,
                "/api/v1/label/namespace/values" + RANGE.replaceFirst("&", "?"),
                "/api/v1/label/namespace/values?match[]=" + scope + RANGE,
                "/api/v1/status/buildinfo", "/api/v1/status/buildinfo");
        throughToDirect.forEach((through, direct) -> {
            HttpResponse<String> answer = scoped.get(through);
            assertThat(answer.statusCode()).as(through + ": " + answer.body()).isEqualTo(200);
            assertThat(data(answer)).as(through).isEqualTo(data(prometheus.get(direct)));
            assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(answer.body())).as(through).isEmpty();
        });
        assertThat(data(scoped.get("/api/v1/label/namespace/values")).toString()).isEqualTo("[\"payments\"]");
        assertThat(data(scoped.get("/api/v1/label/desk/values")).toString()).isEqualTo("[]");

        HttpResponse<String> federate = scoped.get("/federate?match[]=" + all);
        assertThat(federate.statusCode()).isEqualTo(200);
        assertThat(PrometheusAnswers.seriesOf(federate.body())).isNotEmpty().allMatch(series -> series.contains("namespace=\"payments\""))
                .isEqualTo(PrometheusAnswers.seriesOf(prometheus.get("/federate?match[]=" + allScoped).body()));
    }

    @Test
    void metadataHoldsOnlyTheMetricNamesTheScopeSees() {
        Set<String> visible = new TreeSet<>();
        data(prometheus.get("/api/v1/label/__name__/values?match[]=" + encode(SCOPE))).forEach(n -> visible.add(n.asText()));
        Set<String> expected = new TreeSet<>();
        data(prometheus.get("/api/v1/metadata")).fieldNames().forEachRemaining(name -> {
            if (visible.contains(name)) {
                expected.add(name);
            }
        });

        Set<String> got = new TreeSet<>();
        data(scoped.get("/api/v1/metadata")).fieldNames().forEachRemaining(got::add);
        Set<String> limited = new TreeSet<>();
        data(scoped.get("/api/v1/metadata?limit=2")).fieldNames().forEachRemaining(limited::add);

        assertThat(got).isEqualTo(expected).contains("http_requests_total").doesNotContain("risk_secret_total");
        assertThat(limited).hasSize(2).isSubsetOf(expected);
        assertThat(data(scoped.get("/api/v1/metadata?metric=risk_secret_total")).size()).isZero();
    }

    @Test
    void rulesShowOnlyTheScopesRulesAndAlertsWithExpressionsRedacted() {
        HttpResponse<String> rules = scoped.get("/api/v1/rules");

        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(rules.body())).isEmpty();
        assertThat(rules.body()).contains("PaymentsQueueBacklog", "payments:cross_tenant_reference:count",
                "namespace_job:http_requests:rate5m", "rule expressions are not shown to scoped tokens")
                .doesNotContain("NodeDown", "queue_depth{", "count(risk_secret_total)");
        JsonNode groups = data(rules).path("groups");
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("labels").path("namespace").asText()).isEqualTo("payments");
                for (JsonNode alert : rule.path("alerts")) {
                    assertThat(alert.path("labels").path("namespace").asText()).isEqualTo("payments");
                }
            }
        }
    }

    @Test
    void aPostWithTheUsersMatchInTheBodyAndAnInjectedOneInTheQueryStringSeesOnlyTheScope() {
        HttpResponse<String> series = gateway.postForm(P + "/api/v1/series?match%5B%5D=" + encode("{namespace=\"risk\"}"),
                "match%5B%5D=up", "Authorization", token.bearer());
        HttpResponse<String> labels = gateway.postForm(P + "/api/v1/labels?match%5B%5D=risk_secret_total",
                "match%5B%5D=up", "Authorization", token.bearer());

        assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
        assertThat(data(series)).isEqualTo(data(prometheus.get("/api/v1/series?match[]=" + encode("up" + SCOPE))))
                .isNotEmpty();
        assertThat(data(labels)).isEqualTo(data(prometheus.get("/api/v1/labels?match[]=" + encode("up" + SCOPE))));
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(series.body() + labels.body())).isEmpty();
    }

    @Test
    void aRequestTheGatewayCannotMakeOneScopedRequestOfIsRefusedAsPrometheusWould() {
        HttpResponse<String> twice = gateway.postForm(P + "/api/v1/query?query=up", "query=risk_secret_total",
                "Authorization", token.bearer());
        HttpResponse<String> twiceInBody = gateway.postForm(P + "/api/v1/query", "query=up&query=up",
                "Authorization", token.bearer());
        HttpResponse<String> json = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + "/api/v1/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"risk_secret_total\"}")), "Authorization", token.bearer());
        HttpResponse<String> multipart = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + "/api/v1/series"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"match[]\"\r\n\r\n"
                        + "risk_secret_total\r\n--x--\r\n")), "Authorization", token.bearer());
        HttpResponse<String> parseError = scoped.query("sum(rate(up[5m])", AT);
        HttpResponse<String> prometheusParseError = prometheus.query("sum(rate(up[5m])", AT);

        assertRefused(twice, "\"query\" is given more than once");
        assertRefused(twiceInBody, "\"query\" is given more than once");
        assertRefused(json, "must send its parameters as a form");
        assertRefused(multipart, "must send its parameters as a form");
        assertRefused(parseError, "invalid parameter \"query\": at position 16");
        assertThat(prometheusParseError.statusCode()).isEqualTo(400);
        assertThat(prometheusParseError.body()).contains("\"errorType\":\"bad_data\"");
    }

    /** Runs last: every answer above went through the filters, and none had anything to drop. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theDefenceInDepthFiltersNeverDroppedAnything() {
        HttpResponse<String> metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET());
        assertThat(ScopeViolationCounts.of(gateway)).containsKeys("series", "federate", "label_values")
                .allSatisfy((route, count) -> assertThat(count).as(route).isZero());
        assertThat(metrics.body()).contains("liberator_gateway_requests_total{code=\"200\",consumer=\"payments-grafana\","
                + "reason=\"upstream\",route=\"series\"}");
    }

    private static void assertSameAnswer(PromAnswer expected, HttpResponse<String> through, String query) {
        assertThat(through.headers().firstValue("X-Liberator-Scope")).contains(SCOPE);
        assertThat(PromAnswer.of(through)).as(query).isEqualTo(expected);
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(through.body())).as(query).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"")
                .contains(message.replace("\"", "\\\""));
        assertThat(response.headers().firstValue("X-Liberator-Scope")).contains(SCOPE);
    }

    private static JsonNode data(HttpResponse<String> response) {
        return PrometheusAnswers.data(response.body());
    }
}
