package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.ScriptedUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.promql.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The answers the gateway reads whole to check against a scope. Defence in depth: an upstream that answers a scoped request with series outside the scope (a
 * broken proxy in between, a Prometheus that ignores a matcher) still shows the scoped token
 * nothing of them; each one is dropped and counted in {@code liberator_gateway_scope_violations_total}.
 */
@ExtendWith(SharedInfra.class)
class ScopeViolationTest {

    private static final String P = "/metrics-api-bearer";

    @Test
    void seriesFederateAndLabelValuesOutsideTheScopeAreDroppedAndCounted() {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script((head, out) -> {
                if (head.startsWith("GET /api/v1/series")) {
                    out.write(json("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"namespace\":\"payments\"},"
                            + "{\"__name__\":\"up\",\"namespace\":\"risk\"}]}"));
                } else if (head.startsWith("GET /federate")) {
                    out.write(ScriptedUpstream.answer("200 OK", "Content-Type: text/plain; version=0.0.4\r\n",
                            "# TYPE up untyped\nup{namespace=\"payments\"} 1 1\nup{namespace=\"risk\"} 1 1\n"
                                    + "# TYPE risk_secret_total untyped\nrisk_secret_total{namespace=\"risk\"} 7 1\n"));
                } else if (head.contains("/buildinfo ")) {
                    out.write(json("{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\"}}"));
                } else {
                    out.write(json("{\"status\":\"success\",\"data\":[\"payments\",\"risk\"]}"));
                }
            });
            try (GatewayHarness gateway = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
                GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", Scope.parse("{namespace=\"payments\"}"));

                HttpResponse<String> series = gateway.get(P + "/api/v1/series?match[]=up", "Authorization", scoped.bearer());
                HttpResponse<String> federate = gateway.get(P + "/federate?match[]=up", "Authorization", scoped.bearer());
                HttpResponse<String> values = gateway.get(P + "/api/v1/label/namespace/values", "Authorization", scoped.bearer());
                String metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET())
                        .body();

                assertThat(series.body()).isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"namespace\":\"payments\"}]}");
                assertThat(federate.body()).isEqualTo("# TYPE up untyped\nup{namespace=\"payments\"} 1 1\n");
                assertThat(federate.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
                assertThat(values.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"payments\"]}");
                assertThat(metrics).contains("liberator_gateway_scope_violations_total{route=\"series\"} 1.0",
                        "liberator_gateway_scope_violations_total{route=\"federate\"} 2.0",
                        "liberator_gateway_scope_violations_total{route=\"label_values\"} 1.0",
                        "liberator_gateway_scope_violations_total{route=\"query\"} 0.0");
                assertThat(upstream.requests()).filteredOn(head -> head.startsWith("GET /federate"))
                        .singleElement().satisfies(head -> assertThat(head).contains("Accept: text/plain;version=0.0.4"));
            }
        }
    }

    /** An answer the gateway cannot read whole to check is refused, not passed on unchecked. */
    @Test
    void anAnswerTooLargeToCheckIsRefusedNotPassedOn() {
        String big = "{\"status\":\"success\",\"data\":[" + "{\"__name__\":\"up\",\"namespace\":\"risk\"},".repeat(300_000)
                + "{\"__name__\":\"up\",\"namespace\":\"payments\"}]}";
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script((head, out) -> out.write(json(big)));
            try (GatewayHarness gateway = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
                GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", Scope.parse("{namespace=\"payments\"}"));

                HttpResponse<String> series = gateway.get(P + "/api/v1/series?match[]=up", "Authorization", scoped.bearer());

                assertThat(big.length()).as("over micronaut.http.client.max-content-length's 10 MiB").isGreaterThan(10 << 20);
                assertThat(series.statusCode()).as(series.body()).isEqualTo(422);
                assertThat(series.body()).contains("\"errorType\":\"execution\"", "max-content-length").doesNotContain("risk");
            }
        }
    }

    private static byte[] json(String body) {
        return ScriptedUpstream.answer("200 OK", "Content-Type: application/json\r\n", body);
    }
}
