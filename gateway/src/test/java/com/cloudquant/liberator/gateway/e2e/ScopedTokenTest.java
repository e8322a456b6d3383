package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.gateway.scope.FormCodec;
import com.cloudquant.liberator.gateway.scope.Param;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.RecordingUpstream;
import com.cloudquant.liberator.gateway.testing.ScriptedUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import com.cloudquant.liberator.promql.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scoped tokens through a real gateway reading a real broker, seen from upstream: whatever a scoped
 * token sends, on every route, GET or form POST, what reaches Prometheus is one request whose every
 * query and {@code match[]} carries the scope, with its parameters in one place; every answer names
 * the scope in {@code X-Liberator-Scope}; an unscoped token works as before and never gets that
 * header. (What the answers hold is checked against a real two-tenant Prometheus in the
 * {@code scope} package.)
 */
@ExtendWith(SharedInfra.class)
class ScopedTokenTest {

    private static final String P = "/metrics-api-bearer";
    private static final String HEADER = "X-Liberator-Scope";
    private static final Scope PAYMENTS = Scope.parse("{namespace='payments', cluster=~\"eu-.*\"}");
    private static final String CANONICAL = "{cluster=~\"eu-.*\",namespace=\"payments\"}";
    /** One request on every route of the allow-list, GET and form POST. */
    private static final List<String> GETS = List.of("/api/v1/query?query=up", "/api/v1/query_range?query=up&start=1&end=2&step=1",
            "/api/v1/series?match[]=up", "/api/v1/labels", "/api/v1/label/job/values", "/api/v1/query_exemplars?query=up",
            "/api/v1/metadata", "/api/v1/rules", "/federate?match[]=up", "/api/v1/status/buildinfo");
    private static final List<String> POSTS = List.of("/api/v1/query", "/api/v1/query_range", "/api/v1/series",
            "/api/v1/labels", "/api/v1/label/job/values", "/api/v1/query_exemplars");

    private static RecordingUpstream upstream;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        upstream = new RecordingUpstream();
        gateway = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void everyRequestOfAScopedTokenReachesPrometheusOnlyScopedWithItsScopeNamed() {
        GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", PAYMENTS);
        GatewayHarness.Issued unscoped = gateway.issue("grafana-prod");
        upstream.answer("/api/v1/status/buildinfo", "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\"}}");
        upstream.clear();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String get : GETS) {
            answers.add(gateway.get(P + get + (get.contains("?") ? "&" : "?") + "match[]=secret",
                    "Authorization", scoped.bearer()));
        }
        for (String post : POSTS) {
            // the user's selectors in the body, more in the query string: all of them are scoped, none survives as sent
            answers.add(gateway.postForm(P + post + "?match%5B%5D=%7Bnamespace%3D%22other%22%7D",
                    "query=up&match%5B%5D=up&start=1&end=2&step=1", "Authorization", scoped.bearer()));
        }

        assertThat(answers).hasSize(GETS.size() + POSTS.size()).allSatisfy(response -> {
            String request = response.request().method() + " " + response.uri();
            assertThat(response.statusCode()).as(request).isNotEqualTo(403);
            assertThat(response.headers().allValues(HEADER)).as(request).containsExactly(CANONICAL);
            assertThat(response.headers().map().toString() + response.body()).as(request)
                    .doesNotContain(scoped.token().reveal()).doesNotContain(scoped.token().hint());
        });
        List<RecordingUpstream.Received> received = upstream.received();
        assertThat(received).as("every route reached Prometheus").hasSizeGreaterThanOrEqualTo(GETS.size() + POSTS.size());
        assertThat(received).allSatisfy(call -> {
            String body = new String(call.body(), StandardCharsets.UTF_8);
            String what = call.method() + " " + call.rawPath() + "?" + call.rawQuery() + " body=" + body;
            assertThat(call.rawQuery() == null || body.isEmpty()).as("parameters in one place: " + what).isTrue();
            List<Param> params = FormCodec.decode(body.isEmpty() ? call.rawQuery() : body, "upstream");
            for (Param p : params) {
                if (p.name().equals("query") || p.name().equals("match[]")) {
                    assertThat(p.value()).as(what).contains("namespace=\"payments\"").contains("cluster=~\"eu-.*\"");
                }
            }
            List<String> single = params.stream().map(Param::name).filter(name -> !name.equals("match[]")).toList();
            assertThat(single).as(what).doesNotHaveDuplicates();
            if (!call.rawPath().contains("query")) {
                assertThat(single).as("a query where the endpoint takes none is dropped: " + what).doesNotContain("query");
            }
        });
        assertThat(received).extracting(RecordingUpstream.Received::rawPath)
                .contains("/api/v1/query", "/api/v1/series", "/api/v1/labels", "/api/v1/label/job/values", "/federate",
                        "/api/v1/metadata", "/api/v1/rules", "/api/v1/status/buildinfo");

        upstream.clear();
        HttpResponse<String> plain = gateway.get(P + "/api/v1/query?query=up", "Authorization", unscoped.bearer());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue(HEADER)).isEmpty();
        assertThat(upstream.received()).singleElement().satisfies(call -> assertThat(call.rawQuery()).isEqualTo("query=up"));
    }

    /** Every answer to a scoped token names its scope, the gateway's own refusals of the path included. */
    @Test
    void theGatewaysOwnAnswersToAScopedTokenNameTheScopeToo() {
        GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", PAYMENTS);

        HttpResponse<String> unknownPath = gateway.get(P + "/api/v1/nothing", "Authorization", scoped.bearer());
        HttpResponse<String> admin = gateway.get(P + "/api/v1/admin/tsdb/snapshot", "Authorization", scoped.bearer());
        HttpResponse<String> wrongMethod = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P
                + "/api/v1/query?query=up")).DELETE(), "Authorization", scoped.bearer());

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(unknownPath, admin, wrongMethod)) {
            assertThat(response.headers().allValues(HEADER)).as(response.uri().toString()).containsExactly(CANONICAL);
        }
        HttpResponse<String> unknownToken = gateway.get(P + "/api/v1/query?query=up", "Authorization", "Bearer "
                + SignedLog.newToken().reveal());
        assertThat(unknownToken.statusCode()).isEqualTo(401);
        assertThat(unknownToken.headers().firstValue(HEADER)).as("no token, no scope").isEmpty();
    }

    /** The scoped form is the gateway's own body: what the client said about its body stays behind. */
    @Test
    void aScopedPostReachesPrometheusWithoutTheClientsBodyHeaders() {
        GatewayHarness.Issued scoped = gateway.issueScoped("payments-grafana", PAYMENTS);
        upstream.clear();

        HttpResponse<String> answer = gateway.postForm(P + "/api/v1/query", "query=up",
                "Authorization", scoped.bearer(), "Content-Encoding", "identity-not-really", "Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ==",
                "Digest", "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(upstream.received()).singleElement().satisfies(call -> {
            assertThat(new String(call.body(), StandardCharsets.UTF_8)).startsWith("query=up%7B");
            assertThat(call.header("Content-Encoding")).isNull();
            assertThat(call.header("Content-MD5")).isNull();
            assertThat(call.header("Digest")).isNull();
            assertThat(call.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        });
    }

    /** A token this replica had not read yet takes the catch-up path; it is confined the same way. */
    @Test
    void aScopedTokenOnItsVeryFirstRequestIsConfinedTheSameWay() {
        BearerToken token = SignedLog.newToken();
        String id = "tok-fresh-" + UUID.randomUUID();
        upstream.clear();
        gateway.send(id, gateway.log().issueScoped(id, token, "payments-grafana", PAYMENTS));

        HttpResponse<String> first = gateway.get(P + "/api/v1/query?query=up", "Authorization", "Bearer " + token.reveal());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().allValues(HEADER)).containsExactly(CANONICAL);
        assertThat(upstream.received()).singleElement().satisfies(call -> assertThat(call.rawQuery())
                .isEqualTo("query=up%7Bcluster%3D%7E%22eu-.*%22%2Cnamespace%3D%22payments%22%7D"));
    }

    /** The header is the gateway's statement: an unscoped answer never carries one, whoever else set it. */
    @Test
    void anUnscopedAnswerCarriesNoScopeHeaderEvenWhenPrometheusSendsOne() throws Exception {
        try (ScriptedUpstream scripted = new ScriptedUpstream()) {
            scripted.script((head, out) -> out.write(ScriptedUpstream.answer("200 OK",
                    HEADER + ": {namespace=\"forged\"}\r\nContent-Type: application/json\r\n", "{\"status\":\"success\"}")));
            try (GatewayHarness replica = GatewayHarness.start(scripted.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
                GatewayHarness.Issued unscoped = replica.issue("grafana-prod");

                HttpResponse<String> response = replica.get(P + "/api/v1/query?query=up", "Authorization", unscoped.bearer());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("success");
                assertThat(response.headers().firstValue(HEADER)).isEmpty();
            }
        }
    }

    /**
     * A signed issue whose scope is not in canonical form is MALFORMED: skipped like any record
     * nobody can apply, so its token is never admitted (401), not even as unscoped. Since it does
     * not move the verified head, the next signed record its writer chained onto it does not link
     * for the replica and halts it (503 naming its offset): the log's one rule for a signed record
     * that does not fit.
     */
    @Test
    void aSignedIssueWithANonCanonicalScopeNeverAdmitsItsTokenAndTheNextSignedRecordHaltsTheReplica() {
        try (GatewayHarness replica = GatewayHarness.start(upstream.url(), GatewayHarness.NO_LOOKBACK_LIMIT)) {
            GatewayHarness.Issued before = replica.issue("grafana-prod");
            BearerToken odd = SignedLog.newToken();
            String oddId = "tok-odd-" + UUID.randomUUID();
            replica.send(oddId, replica.log().issueWithScopeText(oddId, odd, "payments-grafana", "{namespace='payments'}"));
            upstream.clear();

            HttpResponse<String> oddRequest = replica.get(P + "/api/v1/query?query=up", "Authorization", "Bearer " + odd.reveal());

            assertThat(oddRequest.statusCode()).as(oddRequest.body()).isEqualTo(401);
            assertThat(replica.get(P + "/api/v1/query?query=up", "Authorization", before.bearer()).statusCode())
                    .as("the log stays current past a record it skips at its end").isEqualTo(200);
            long next = replica.send(before.tokenId(), replica.log().revoke(before.tokenId()));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                HttpResponse<String> halted = replica.get(P + "/api/v1/query?query=up", "Authorization", before.bearer());
                assertThat(halted.statusCode()).isEqualTo(503);
                assertThat(halted.body()).containsPattern("offset\\D{0,3}" + next + "(?!\\d)");
            });
            assertThat(replica.get(P + "/api/v1/query?query=up", "Authorization", "Bearer " + odd.reveal()).statusCode())
                    .isEqualTo(503);
            assertThat(upstream.received()).as("only the one unscoped query went upstream").hasSize(1);
        }
    }
}
