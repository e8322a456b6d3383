package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.testing.DefaultGateway;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import com.cloudquant.liberator.process.FreePort;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each row of the troubleshooting table in docs/gateway.md ("Status codes the gateway itself answers") produces its documented symptom. */
@ExtendWith(SharedInfra.class)
class TroubleshootingTableTest {

    private static final String QUERY = "/metrics-api-bearer/api/v1/query";
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;

    @RegisterExtension
    static final DefaultGateway GATEWAY = new DefaultGateway(started -> gateway = started);

    @BeforeAll
    static void start() {
        token = gateway.issue("grafana-prod");
    }

    @Test
    void browserWithoutTheHeaderIsRedirectedToSignInWhichIsTheNonJsonHtmlSymptom() {
        HttpResponse<String> response = gateway.get(QUERY + "?query=up", "Accept", "text/html,application/xhtml+xml");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void apiClientWithoutTheHeaderGets401NamingTheHeaderToSet() {
        HttpResponse<String> response = gateway.postForm(QUERY, "query=1%2B1&time=4", "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":\"error\"", "Authorization: Bearer cqm_");
    }

    @Test
    void misspelledHeaderNameOrMissingSpaceAfterBearerIsTreatedAsNoHeader() {
        assertThat(gateway.get(QUERY + "?query=up", "Authorisation", token.bearer()).statusCode()).isEqualTo(401);
        assertThat(gateway.get(QUERY + "?query=up", "Authorization", "Bearer" + token.token().reveal()).statusCode())
                .isEqualTo(401);
        assertThat(gateway.get(QUERY + "?query=up", "Authorization", "Basic " + token.token().reveal()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void headerNameIsCaseInsensitive() {
        assertThat(gateway.get(QUERY + "?query=up", "authorization", token.bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedNeverIssuedTypoAndExpiredTokensGetOneGeneric401NeverA400() {
        GatewayHarness.Issued revoked = gateway.issue("grafana-prod");
        gateway.send(revoked.tokenId(), gateway.log().revoke(revoked.tokenId()));
        org.awaitility.Awaitility.await().until(() -> gateway.registry().wasRevoked(com.cloudquant.liberator.gateway.projection.TokenHash.ofHex(revoked.token().sha256Hex())));

        BearerToken expired = SignedLog.newToken();
        Instant past = Instant.now().minusSeconds(10);
        gateway.send("exp", gateway.log().append(new TokenIssued("exp", "grafana-prod", expired.sha256Hex(),
                expired.hint(), past, "alice", past.minusSeconds(60))));
        org.awaitility.Awaitility.await().until(() -> gateway.registry().find(com.cloudquant.liberator.gateway.projection.TokenHash.ofHex(expired.sha256Hex())).isPresent());

        String real = token.token().reveal();
        char last = real.charAt(real.length() - 1);
        String typo = real.substring(0, real.length() - 1) + (last == '0' ? '1' : '0');
        for (String value : new String[] {revoked.token().reveal(), SignedLog.newToken().reveal(), typo,
                expired.reveal(), "cqm_short", real.toUpperCase(), "not-a-token"}) {
            HttpResponse<String> get = gateway.get(QUERY + "?query=up", "Authorization", "Bearer " + value);
            HttpResponse<String> post = gateway.postForm(QUERY, "query=1%2B1&time=4", "Authorization", "Bearer " + value);
            for (HttpResponse<String> response : java.util.List.of(get, post)) {
                assertThat(response.statusCode()).as(value).isEqualTo(401);
                assertThat(response.body()).contains("\"errorType\":\"unauthorized\"", "Grafana Integration");
                assertThat(response.body()).doesNotContain(value);
            }
        }
    }

    @Test
    void disabledBearerRouteAnswers403BeforeReachingPrometheus() {
        try (GatewayHarness disabled = GatewayHarness.start(SharedInfra.prometheus().url(),
                Map.of("liberator.gateway.bearer-route-enabled", false))) {
            HttpResponse<String> response = disabled.get(QUERY + "?query=up", "Authorization", token.bearer());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("the bearer route is disabled on this cluster");
        }
    }

    @Test
    void queryOutsideRetentionReturnsNoDataWhileLabelValuesListTheMetric() {
        HttpResponse<String> old = gateway.get(QUERY + "?query=up&time=4", "Authorization", token.bearer());
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).contains("\"result\":[]");
        // with the dashboard's time range, as Grafana asks (without start it would be refused: max-lookback)
        HttpResponse<String> names = gateway.get("/metrics-api-bearer/api/v1/label/__name__/values?start="
                + (Instant.now().getEpochSecond() - 3600), "Authorization", token.bearer());
        assertThat(names.body()).contains("\"up\"");
    }

    @Test
    void prometheusDownIs502NamingTheSettingToCheckButNotTheInternalAddress() {
        int port = FreePort.pick();
        try (GatewayHarness orphan = GatewayHarness.start("http://127.0.0.1:" + port, Map.of())) {
            GatewayHarness.Issued mine = orphan.issue("grafana-prod");
            HttpResponse<String> response = orphan.get(QUERY + "?query=up", "Authorization", mine.bearer());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("\"errorType\":\"unavailable\"", "liberator.gateway.upstream-url")
                    .doesNotContain(Integer.toString(port)).doesNotContain("127.0.0.1");
        }
    }
}
