package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.testing.PrometheusApi.encode;
import static com.cloudquant.liberator.gateway.scope.ScopeOracleTest.SCOPE_A;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.FIRST;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.LAST;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.ScopeViolationCounts;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant A's token ({@code {namespace="payments"}}) reads series, federate, labels, label values,
 * metadata and rules of a Prometheus that holds both tenants: no answer mentions a metric name, label
 * name, label value, rule or alert that only tenant B has ({@link TenantBTokens}), however the request
 * asks for them, and the broad reads still show tenant A its own data.
 */
@ExtendWith({SharedInfra.class, TwoTenantPrometheus.class})
class ScopedReadsLeakTest {

    private static final String ALL = encode("{__name__=~\".+\"}");
    private static final String RANGE = "&start=" + FIRST + "&end=" + LAST;

    private static GatewayHarness gateway;
    private static PrometheusApi tenantA;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(TwoTenantPrometheus.fixture().url(), TwoTenantPrometheus.GATEWAY_SETTINGS);
        tenantA = ScopedTokens.issue(gateway, "payments-grafana", SCOPE_A);
    }

    /** Every read above went through the defence-in-depth filters: none of them had anything to drop. */
    @AfterAll
    static void stop() {
        try {
            assertThat(ScopeViolationCounts.of(gateway)).containsKeys("series", "federate", "label_values")
                    .allSatisfy((route, count) -> assertThat(count).as("scope violations on " + route).isZero());
        } finally {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1/series?match[]=ALL",
            "/api/v1/series?match[]=ALLRANGE",
            "/api/v1/series?match[]=risk_secret_total",
            "/api/v1/series?match[]=" + "%7Bnamespace%3D%22risk%22%7D",
            "/api/v1/series?match[]=up&match[]=" + "%7Bdesk%3D~%22.%2B%22%7D",
            "/api/v1/labels",
            "/api/v1/labels?start=" + FIRST + "&end=" + LAST,
            "/api/v1/labels?match[]=risk_secret_total",
            "/api/v1/labels?match[]=ALL",
            "/api/v1/label/__name__/values",
            "/api/v1/label/__name__/values?match[]=ALLRANGE",
            "/api/v1/label/__name__/values?match[]=" + "%7B__name__%3D~%22risk_.%2B%22%7D",
            "/api/v1/label/namespace/values",
            "/api/v1/label/job/values",
            "/api/v1/label/instance/values",
            "/api/v1/label/handler/values",
            "/api/v1/label/desk/values",
            "/api/v1/label/model/values",
            "/api/v1/label/alertname/values",
            "/federate?match[]=ALL",
            "/federate?match[]=risk_secret_total",
            "/federate?match[]=" + "%7Bnamespace%3D%22risk%22%7D",
            "/federate",
            "/api/v1/metadata",
            "/api/v1/metadata?metric=risk_secret_total",
            "/api/v1/metadata?metric=risk_model_latency_seconds",
            "/api/v1/rules",
            "/api/v1/rules?type=alert",
            "/api/v1/rules?type=record",
            "/api/v1/query_exemplars?query=risk_secret_totalRANGE"})
    void tenantAReadsNothingOnlyTenantBHas(String template) {
        String pathAndQuery = template.replace("ALL", ALL).replace("RANGE", RANGE);
        HttpResponse<String> answer = tenantA.get(pathAndQuery);
        assertThat(answer.statusCode()).as("%s answered %s", pathAndQuery, PromAnswer.abbreviate(answer.body())).isEqualTo(200);
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(answer.body()))
                .as("tenant B in the answer to %s: %s", pathAndQuery, PromAnswer.abbreviate(answer.body())).isEmpty();
        assertThat(answer.headers().firstValue("X-Liberator-Scope")).contains(SCOPE_A);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/series payments-api", "/api/v1/labels currency"})
    void formPostsAreScopedLikeGets(String pathAndEvidence) {
        String path = pathAndEvidence.split(" ")[0];
        String form = "match%5B%5D=risk_secret_total&match%5B%5D=" + ALL + RANGE;
        HttpResponse<String> answer = tenantA.postForm(path, form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(answer.body())).as(answer.body()).isEmpty();
        assertThat(answer.body()).contains(pathAndEvidence.split(" ")[1]);
    }

    @Test
    void broadReadsStillShowTenantAItsOwnData() {
        Map<String, String> evidence = Map.of(
                "/api/v1/series?match[]=" + ALL, "payments-api-0:8080",
                "/api/v1/labels", "currency",
                "/api/v1/label/__name__/values", "payments_transactions_total",
                "/api/v1/label/job/values", "ledger",
                "/federate?match[]=" + ALL, "payments_transactions_total",
                "/api/v1/metadata", "payments_transactions_total",
                "/api/v1/rules", "PaymentsQueueBacklog");
        evidence.forEach((pathAndQuery, expected) -> {
            HttpResponse<String> answer = tenantA.get(pathAndQuery);
            assertThat(answer.statusCode()).as(pathAndQuery).isEqualTo(200);
            assertThat(answer.body()).as(pathAndQuery).contains(expected);
        });
    }

    @Test
    void alertsAreRefusedOrHoldNothingOfTenantB() {
        HttpResponse<String> answer = tenantA.get("/api/v1/alerts");
        assertThat(answer.statusCode()).isIn(200, 404);
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(answer.body())).as(answer.body()).isEmpty();
    }
}
