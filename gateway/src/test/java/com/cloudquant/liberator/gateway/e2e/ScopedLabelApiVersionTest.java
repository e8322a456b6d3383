package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.ScriptedUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.promql.Scope;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upstream older than Prometheus 2.24 ignores {@code match[]} on its label APIs, so a scoped
 * token's labels, label values and metadata would list every tenant's: the gateway reads the
 * upstream's version from buildinfo and refuses those calls (503) rather than forward them, and a
 * version it could not read is not remembered as good or bad.
 */
@ExtendWith(SharedInfra.class)
class ScopedLabelApiVersionTest {

    private static final String P = "/metrics-api-bearer";
    private static final List<String> LABEL_APIS = List.of("/api/v1/labels", "/api/v1/label/job/values", "/api/v1/metadata");

    @Test
    void anUpstreamTooOldForLabelMatchersGetsNoScopedLabelCall() {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script((head, out) -> out.write(head.contains("/buildinfo ")
                    ? json("{\"status\":\"success\",\"data\":{\"version\":\"2.23.0\"}}")
                    : json("{\"status\":\"success\",\"data\":[]}")));
            try (GatewayHarness gateway = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
                GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", Scope.parse("{namespace=\"payments\"}"));
                GatewayHarness.Issued unscoped = gateway.issue("grafana-prod");

                for (String path : LABEL_APIS) {
                    HttpResponse<String> refused = gateway.get(P + path, "Authorization", scoped.bearer());
                    assertThat(refused.statusCode()).as(path).isEqualTo(503);
                    assertThat(refused.body()).as(path).contains("\"errorType\":\"unavailable\"", "version \\\"2.23.0\\\"",
                            "does not honour match[]");
                }
                HttpResponse<String> series = gateway.get(P + "/api/v1/series", "Authorization", scoped.bearer());
                HttpResponse<String> plainLabels = gateway.get(P + "/api/v1/labels", "Authorization", unscoped.bearer());

                assertThat(series.statusCode()).as("series honours match[] in every version").isEqualTo(200);
                assertThat(plainLabels.statusCode()).as("an unscoped token needs no match[]").isEqualTo(200);
                assertThat(upstream.requests()).filteredOn(head -> head.contains("/api/v1/label"))
                        .singleElement().satisfies(head -> assertThat(head).startsWith("GET /api/v1/labels HTTP/1.1"));
            }
        }
    }

    @Test
    void aVersionThatCannotBeReadRefusesUntilItCanAndIsNotRemembered() {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script((head, out) -> out.write(head.contains("/buildinfo ")
                    ? ScriptedUpstream.answer("500 Internal Server Error", "", "oops")
                    : json("{\"status\":\"success\",\"data\":[\"api\"]}")));
            try (GatewayHarness gateway = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
                GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", Scope.parse("{namespace=\"payments\"}"));

                HttpResponse<String> unknown = gateway.get(P + "/api/v1/label/job/values", "Authorization", scoped.bearer());
                upstream.script((head, out) -> out.write(head.contains("/buildinfo ")
                        ? json("{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\"}}")
                        : json("{\"status\":\"success\",\"data\":[\"api\"]}")));
                HttpResponse<String> known = gateway.get(P + "/api/v1/label/job/values", "Authorization", scoped.bearer());

                assertThat(unknown.statusCode()).isEqualTo(503);
                assertThat(unknown.body()).contains("could not read the upstream's version");
                assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
                assertThat(known.body()).contains("\"api\"");
                assertThat(upstream.requests()).filteredOn(head -> head.contains("/buildinfo ")).hasSize(2);
            }
        }
    }

    private static byte[] json(String body) {
        return ScriptedUpstream.answer("200 OK", "Content-Type: application/json\r\n", body);
    }
}
