package com.cloudquant.liberator.tokenservice.web;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.IssueAnswers;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TokenApiTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static TokenServiceInstance service;

    @BeforeAll
    static void start() {
        String topic = KAFKA.createTokenTopic("tokens-api");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.put("liberator.tokens.max-active-per-consumer", 2);
        settings.put("liberator.tokens.max-lifetime", "30d");
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void issuingAnswers201WithTheTokenOnceAndForbidsCaching() {
        HttpResponse<String> response = service.post("/api/v1/tokens",
                "{\"consumer\":\"grafana-prod\",\"expiresAt\":\"" + Instant.now().plus(10, ChronoUnit.DAYS) + "\"}", ADMIN);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("token").asText()).matches("cqm_[0-9a-f]{48}");
        assertThat(body.get("hint").asText()).startsWith(body.get("token").asText().substring(0, 8));
        assertThat(body.get("issuedBy").asText()).isEqualTo("admin");
        assertThat(body.get("expiresAt").isNull()).isFalse();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/tokens/" + body.get("id").asText());
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void anIssueRepeatedWithTheSameIdempotencyKeyAnswers200WithTheSameTokenAndNoSecret() {
        String body = "{\"consumer\":\"idempotent-client\"}";
        HttpResponse<String> first = service.post("/api/v1/tokens", body, ADMIN, "Idempotency-Key", "job-42:attempt");
        HttpResponse<String> again = service.post("/api/v1/tokens", body, ADMIN, "Idempotency-Key", "job-42:attempt");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(json(again).get("replayed").asBoolean()).isTrue();
        assertThat(json(again).has("token")).isFalse();
        assertThat(again.body()).doesNotContainPattern("cqm_[0-9a-f]{48}");
        assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/tokens/" + json(first).get("id").asText());
        assertThat(json(service.get("/api/v1/tokens?consumer=idempotent-client", ADMIN))).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherConsumerIs409AndABadKeyIs400() {
        assertThat(service.post("/api/v1/tokens", "{\"consumer\":\"key-owner\"}", ADMIN, "Idempotency-Key", "k-1")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> reused = service.post("/api/v1/tokens", "{\"consumer\":\"key-thief\"}", ADMIN,
                "Idempotency-Key", "k-1");
        HttpResponse<String> spaced = service.post("/api/v1/tokens", "{\"consumer\":\"key-owner\"}", ADMIN,
                "Idempotency-Key", "two words");
        HttpResponse<String> tooLong = service.post("/api/v1/tokens", "{\"consumer\":\"key-owner\"}", ADMIN,
                "Idempotency-Key", "k".repeat(129));

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);
        assertThat(json(reused).get("detail").asText()).contains("key-owner").contains("new key");
        for (HttpResponse<String> bad : java.util.List.of(spaced, tooLong)) {
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(json(bad).get("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(json(bad).get("detail").asText()).contains("visible ASCII").contains("128");
        }
        assertThat(json(service.get("/api/v1/tokens?consumer=key-thief", ADMIN))).isEmpty();
    }

    @Test
    void aScopedTokenIsIssuedListedAndLookedUpWithItsScopeInCanonicalFormAndLoggedSo() {
        HttpResponse<String> issued = service.post("/api/v1/tokens", "{\"consumer\":\"payments-grafana\","
                + "\"scope\":\"{ namespace = 'payments', cluster=~\\\"eu-.*\\\" }\"}", ADMIN);
        JsonNode unscopedIssue = service.issue("payments-unscoped");
        String unscopedId = unscopedIssue.get("id").asText();

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String canonical = "{cluster=~\"eu-.*\",namespace=\"payments\"}";
        String id = json(issued).get("id").asText();
        assertThat(json(issued).get("scope").asText()).isEqualTo(canonical);
        JsonNode listed = json(service.get("/api/v1/tokens?consumer=payments-grafana", ADMIN));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("scope").asText()).isEqualTo(canonical);
        assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("scope").asText()).isEqualTo(canonical);
        for (JsonNode unscoped : List.of(unscopedIssue, json(service.get("/api/v1/tokens/" + unscopedId, ADMIN)))) {
            assertThat(unscoped.has("scope")).as(unscoped.toString()).isTrue();
            assertThat(unscoped.get("scope").isNull()).as("an unscoped token says so: scope is null").isTrue();
        }
        // the signed event holds the canonical form, and an unscoped issue has no scope field at all
        String log = service.get("/api/v1/audit/events", ADMIN).body();
        assertThat(log.lines().filter(line -> line.contains(id)).findFirst().orElseThrow())
                .contains("\"scope\":\"{cluster=~\\\"eu-.*\\\",namespace=\\\"payments\\\"}\"");
        assertThat(log.lines().filter(line -> line.contains(unscopedId)).findFirst().orElseThrow())
                .doesNotContain("\"scope\"");
    }

    @Test
    void aBadScopeIs400NamingThePositionAndTheReasonAndIssuesNothing() {
        Map<String, String> cases = Map.of(
                "\"{namespace=\\\"payments\\\"\"", "at position 21: ",
                "\"{namespace=~\\\".*\\\"}\"", "matches the empty value",
                "\"{namespace!=\\\"payments\\\"}\"", "at position 10: only = and =~ are allowed",
                "\"{__name__=\\\"up\\\"}\"", "cannot restrict __name__",
                "\"up{job=\\\"x\\\"}\"", "at position 0: a scope has no metric name",
                "\"{job=~\\\"(\\\"}\"", "invalid regular expression",
                "\"{}\"", "at least one label matcher",
                "\"\"", "at position 0: ",
                "42", "scope must be a string");
        cases.forEach((scope, reason) -> {
            String body = "{\"consumer\":\"bad-scope\",\"scope\":" + scope + "}";
            IssueAnswers.refused(service, body, "scope").contains(reason)
                    .contains("{namespace=\"payments\",cluster=~\"eu-.*\"}");
        });
        assertThat(json(service.get("/api/v1/tokens?consumer=bad-scope", ADMIN))).isEmpty();
    }

    /** As for another consumer or expiry: a retry that asks for another slice must not get the first token. */
    @Test
    void anIdempotencyKeyReusedWithAnotherScopeIs409AndTheSameScopeSpelledOtherwiseIsAReplay() {
        String first = "{\"consumer\":\"scoped-retry\",\"scope\":\"{namespace=\\\"payments\\\",team=\\\"a\\\"}\"}";
        String sameScope = "{\"consumer\":\"scoped-retry\",\"scope\":\"{ team='a', namespace='payments' }\"}";
        String wider = "{\"consumer\":\"scoped-retry\",\"scope\":\"{namespace=\\\"payments\\\"}\"}";
        String unscoped = "{\"consumer\":\"scoped-retry\"}";

        JsonNode replayed = IssueAnswers.retried(service, "scope-k-1", first, sameScope, wider, unscoped);

        assertThat(replayed.get("scope").asText()).isEqualTo("{namespace=\"payments\",team=\"a\"}");
        assertThat(json(service.get("/api/v1/tokens?consumer=scoped-retry", ADMIN))).hasSize(1);
    }

    /** Fixed at issue: no method on a token's path takes a new scope. */
    @Test
    void noEndpointChangesAScope() throws Exception {
        String id = json(service.post("/api/v1/tokens", "{\"consumer\":\"fixed-scope\",\"scope\":\"{team=\\\"a\\\"}\"}",
                ADMIN)).get("id").asText();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String method : List.of("PUT", "PATCH", "POST")) {
            HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(service.uri("/api/v1/tokens/" + id))
                    .header("Authorization", ADMIN).header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{\"scope\":\"{team=\\\"b\\\"}\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
        }
        assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("scope").asText()).isEqualTo("{team=\"a\"}");
    }

    @Test
    void listAndLookupShowTheTokenWithoutSecretOrHash() throws Exception {
        JsonNode issued = service.issue("federated-prometheus-eu");
        String token = issued.get("token").asText();

        HttpResponse<String> list = service.get("/api/v1/tokens?consumer=federated-prometheus-eu", ADMIN);
        HttpResponse<String> one = service.get("/api/v1/tokens/" + issued.get("id").asText(), ADMIN);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list)).hasSize(1);
        assertThat(json(list).get(0).get("status").asText()).isEqualTo("active");
        assertThat(json(one).get("consumer").asText()).isEqualTo("federated-prometheus-eu");
        for (HttpResponse<String> response : java.util.List.of(list, one)) {
            assertThat(response.body()).doesNotContain(token).doesNotContain("tokenHash")
                    .doesNotContain(com.cloudquant.liberator.events.BearerToken.parse(token).sha256Hex());
        }
    }

    @Test
    void revokingTwiceAnswersTheSameRevokedView() throws Exception {
        String id = service.issue("revoke-me").get("id").asText();

        HttpResponse<String> first = service.delete("/api/v1/tokens/" + id, ADMIN);
        HttpResponse<String> second = service.delete("/api/v1/tokens/" + id, ADMIN);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("status").asText()).isEqualTo("revoked");
        assertThat(json(first).get("revokedBy").asText()).isEqualTo("admin");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(json(service.get("/api/v1/tokens?status=revoked&consumer=revoke-me", ADMIN))).hasSize(1);
    }

    @Test
    void unknownTokenIs404ForLookupAndRevoke() {
        HttpResponse<String> get = service.get("/api/v1/tokens/no-such-id", ADMIN);
        HttpResponse<String> delete = service.delete("/api/v1/tokens/no-such-id", ADMIN);

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(delete.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(delete).get("detail").asText()).contains("GET /api/v1/tokens");
    }

    @Test
    void badRequestsGetProblemJsonNamingTheFix() {
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        Map<String, String> cases = Map.of(
                "{\"consumer\":\"Grafana Prod\"}", "^[a-z0-9][a-z0-9._-]{0,62}$",
                "{\"consumer\":\"grafana\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "not in the future",
                "{\"consumer\":\"grafana\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}", "liberator.tokens.max-lifetime",
                "{\"consumer\":\"grafana\",\"expiresAt\":\"tomorrow\"}", "ISO-8601",
                "{\"consumer\":\"grafana\",\"role\":\"admin\"}", "unknown field 'role'",
                "{\"consumer\":", "not valid JSON",
                "[\"grafana\"]", "must be a JSON object",
                "{\"expiresAt\":\"" + future + "\"}", "consumer is required");
        cases.forEach((body, fix) -> {
            HttpResponse<String> response = service.post("/api/v1/tokens", body, ADMIN);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(json(response).get("detail").asText()).as(body).contains(fix);
            assertThat(response.body()).as(body).doesNotContain("Exception").doesNotContain("at com.");
        });
    }

    /** A body a browser may send cross-site without asking first (text/plain, a form) never issues a token. */
    @Test
    void anIssueWhoseBodyIsNotDeclaredJsonIs415AndIssuesNothing() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> response = service.postAs("/api/v1/tokens", "{\"consumer\":\"plain-text\"}", type, ADMIN);

            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(response.body()).as(type).doesNotContain("cqm_").doesNotContain("at com.");
        }
        assertThat(json(service.get("/api/v1/tokens?consumer=plain-text", ADMIN))).isEmpty();
    }

    @Test
    void oversizeBodyIs413() {
        String body = "{\"consumer\":\"grafana\",\"pad\":\"" + "x".repeat(20_000) + "\"}";

        HttpResponse<String> response = service.post("/api/v1/tokens", body, ADMIN);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void moreActiveTokensThanAllowedForOneConsumerIs409() {
        service.issue("quota-consumer");
        service.issue("quota-consumer");

        HttpResponse<String> third = service.post("/api/v1/tokens", "{\"consumer\":\"quota-consumer\"}", ADMIN);

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(json(third).get("detail").asText()).contains("revoke one");
    }

    /**
     * A 401 carries no {@code WWW-Authenticate: Basic} challenge: with it a browser pops its own
     * password dialog (and keeps the password) instead of the page's sign-in form.
     */
    @Test
    void anonymousCallsAre401AndWrongPasswordsTooWithoutABrowserPasswordDialog() {
        List<HttpResponse<String>> refused = List.of(
                service.get("/api/v1/tokens", null),
                service.post("/api/v1/tokens", "{\"consumer\":\"x\"}", null),
                service.get("/api/v1/me", null),
                service.get("/api/v1/audit/verify", null),
                service.get("/api/v1/tokens", TokenServiceInstance.basic("admin", "guess")));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            // a Bearer challenge (an OAuth client's hint) makes no browser dialog; Basic does
            assertThat(response.headers().allValues("WWW-Authenticate")).as(response.uri().toString())
                    .noneMatch(challenge -> challenge.toLowerCase(java.util.Locale.ROOT).contains("basic"));
        }
        assertThat(refused.get(4).headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // scripts keep signing in with Basic on every call
        assertThat(service.get("/api/v1/tokens", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void auditEventsStreamTheLogAsNdjsonFromTheRequestedSequence() {
        String id = service.issue("audited").get("id").asText();
        service.delete("/api/v1/tokens/" + id, ADMIN);

        HttpResponse<String> all = service.get("/api/v1/audit/events", ADMIN);
        String[] lines = all.body().split("\n");
        HttpResponse<String> tail = service.get("/api/v1/audit/events?fromSeq=" + lines.length, ADMIN);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(lines[lines.length - 1]).contains("\"type\":\"TokenRevoked\"").contains(id);
        assertThat(tail.body().split("\n")).hasSize(1);
        assertThat(tail.body()).contains("\"seq\":" + lines.length);
    }

    @Test
    void verifyReportsAnIntactChain() {
        service.issue("verified");

        JsonNode result = json(service.get("/api/v1/audit/verify", ADMIN));

        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("verifiedRecords").asLong()).isEqualTo(result.get("headSeq").asLong()).isPositive();
    }

    @Test
    void healthIsUpAndShowsTheLogState() {
        HttpResponse<String> health = service.management("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode log = json(health).at("/details/tokenLog/details");
        assertThat(log.get("kafkaReachable").asBoolean()).isTrue();
        assertThat(log.get("indexLoaded").asBoolean()).isTrue();
        assertThat(log.get("fenced").asBoolean()).isFalse();
    }

    @Test
    void metricsCountIssuedTokensAndAppendLatency() {
        service.issue("metered");

        String metrics = service.management("/prometheus").body();

        assertThat(metrics).contains("liberator_tokens_active").contains("liberator_tokens_issued_total")
                .contains("liberator_tokens_revoked_total").contains("liberator_token_log_append_seconds_bucket");
    }

    @Test
    void theFormLoginSetsASessionCookieThatSignsInLaterCalls() {
        HttpResponse<String> login = service.postForm("/login",
                "username=admin&password=" + java.net.URLEncoder.encode(TokenServiceInstance.ADMIN_PASSWORD,
                        java.nio.charset.StandardCharsets.UTF_8));

        assertThat(login.statusCode()).isBetween(200, 399);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> list = service.getWithCookie("/api/v1/tokens", cookie.substring(0, cookie.indexOf(';')));
        assertThat(list.statusCode()).isEqualTo(200);
    }

    @Test
    void meNamesTheSignedInUserAndRoles() {
        JsonNode me = json(service.get("/api/v1/me", ADMIN));

        assertThat(me.get("name").asText()).isEqualTo("admin");
        assertThat(me.get("roles").toString()).isEqualTo("[\"super-admin\"]");
        assertThat(service.get("/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void managementEndpointsOtherThanHealthAndPrometheusAreOffOnTheManagementPort() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : java.util.List.of("/beans", "/loggers", "/env", "/routes", "/threaddump", "/info", "/metrics",
                "/caches", "/health/../beans")) {
            assertThat(service.management(path).statusCode()).as("management GET %s", path).isEqualTo(404);
        }
        for (String path : java.util.List.of("/refresh", "/stop")) {
            HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(service.managementUri(path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as("management POST %s", path).isEqualTo(404);
        }
        assertThat(service.management("/health").statusCode()).isEqualTo(200);
        assertThat(service.management("/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOfTheManagementPortIsOnThePublicPortNotEvenForTheAdmin() {
        for (String path : java.util.List.of("/health", "/health/liveness", "/metrics", "/prometheus", "/beans", "/env",
                "/loggers", "/threaddump", "/routes")) {
            assertThat(service.get(path, null).statusCode()).as("anonymous GET %s", path).isEqualTo(404);
            assertThat(service.get(path, ADMIN).statusCode()).as("admin GET %s", path).isEqualTo(404);
        }
        assertThat(service.post("/refresh", "{}", ADMIN).statusCode()).isEqualTo(404);
    }
}
