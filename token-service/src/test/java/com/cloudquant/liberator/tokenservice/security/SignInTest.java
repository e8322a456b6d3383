package com.cloudquant.liberator.tokenservice.security;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.bearer;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Sign-in: JWT access tokens from a real OIDC provider running over HTTP, and the local admin. */
class SignInTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static MockOAuth2Server idp;
    static TokenServiceInstance service;

    @BeforeAll
    static void start() {
        idp = new MockOAuth2Server();
        idp.start();
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-oidc"), keys);
        settings.put("liberator.oidc.issuer", idp.issuerUrl("corp").toString());
        settings.put("liberator.oidc.audience", "liberator");
        settings.put("liberator.oidc.roles-claim", "groups");
        settings.put("liberator.oidc.super-admin-role", "liberator-admins");
        settings.put("liberator.oidc.auditor-role", "liberator-auditors");
        settings.put("liberator.admin.max-failed-logins", 3);
        settings.put("micronaut.security.oauth2.clients.liberator.client-id", "liberator-page");
        settings.put("micronaut.security.oauth2.clients.liberator.client-secret", "page-secret");
        settings.put("micronaut.security.oauth2.clients.liberator.openid.issuer", idp.issuerUrl("corp").toString());
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
        idp.shutdown();
    }

    private static String token(String issuer, String user, List<String> groups, long expirySeconds) {
        return bearer(idp.issueToken(issuer, user + "-subject", "liberator",
                Map.of("preferred_username", user, "groups", groups), expirySeconds).serialize());
    }

    @Test
    void aSuperAdminFromTheIdpIssuesTokensRecordedUnderTheirName() {
        String alice = token("corp", "alice", List.of("liberator-admins"), 300);

        HttpResponse<String> issued = service.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", alice);

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(json(issued).get("issuedBy").asText()).isEqualTo("alice");
        assertThat(service.get("/api/v1/audit/events", alice).body()).contains("\"actor\":\"alice\"");
    }

    @Test
    void anIdpAccountNamedLikeTheEmbeddedAdminCannotPassForItInTheAuditLog() {
        String impostor = token("corp", "admin", List.of("liberator-admins"), 300);

        HttpResponse<String> issued = service.post("/api/v1/tokens", "{\"consumer\":\"grafana-impostor\"}", impostor);

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(json(issued).get("issuedBy").asText()).isEqualTo("oidc:admin");
        assertThat(service.get("/api/v1/audit/events", impostor).body()).contains("\"actor\":\"oidc:admin\"")
                .doesNotContain("\"actor\":\"admin\"");
    }

    /** An IdP user name is whatever the IdP lets users pick: in a log line it can neither forge a line nor drive a terminal. */
    @Test
    void aHostileIdpUserNameReachesTheLogsEscaped() {
        String hostileName = "eve\r\ndecision=issued tokenId=forged \u001b[2J\u009b31m";
        String eve = token("corp", hostileName, List.of("liberator-admins"), 300);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        HttpResponse<String> issued;
        try {
            issued = service.post("/api/v1/tokens", "{\"consumer\":\"hostile-name\"}", eve);
            service.delete("/api/v1/tokens/" + json(issued).get("id").asText() + "?reason=%1B%5B2J%0D%0A%3DHYPERLINK(1)", eve);
        } finally {
            root.detachAppender(logs);
        }

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("decision=issued ")
                .contains("actor=\"eve\\u000d\\u000adecision=issued tokenId=forged \\u001b[2J\\u009b31m\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("decision=revoked ").contains("eve\\u000d"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\u001b")
                .doesNotContain("\u009b").doesNotContain("\n"));
    }

    /** The chain check's rate limit is per caller: one user checking too often does not lock another out. */
    @Test
    void oneUserCheckingTheChainTooOftenIsRefused429WhileAnotherIsNot() {
        String dave = token("corp", "dave", List.of("liberator-auditors"), 300);
        String erin = token("corp", "erin", List.of("liberator-auditors"), 300);

        HttpResponse<String> last = null;
        int served = 0;
        for (int i = 0; i < 30 && (last == null || last.statusCode() == 200); i++) {
            last = service.get("/api/v1/audit/verify", dave);
            served += last.statusCode() == 200 ? 1 : 0;
        }

        assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
        assertThat(served).isGreaterThanOrEqualTo(10); // liberator.audit.verify-burst's default
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(service.get("/api/v1/audit/verify", erin).statusCode()).isEqualTo(200);
    }

    @Test
    void anAuditorReadsButCannotIssueOrRevoke() {
        String bob = token("corp", "bob", List.of("liberator-auditors"), 300);

        assertThat(service.get("/api/v1/tokens", bob).statusCode()).isEqualTo(200);
        assertThat(service.get("/api/v1/audit/verify", bob).statusCode()).isEqualTo(200);
        HttpResponse<String> issue = service.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", bob);
        assertThat(issue.statusCode()).isEqualTo(403);
        assertThat(issue.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(service.delete("/api/v1/tokens/any", bob).statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedInUserWithoutARoleIsForbidden() {
        String carol = token("corp", "carol", List.of("finance"), 300);

        assertThat(service.get("/api/v1/tokens", carol).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String expired = token("corp", "alice", List.of("liberator-admins"), -3600);

        assertThat(service.get("/api/v1/tokens", expired).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        String foreign = token("elsewhere", "alice", List.of("liberator-admins"), 300);

        assertThat(service.get("/api/v1/tokens", foreign).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenTheIdpIssuedToAnotherApplicationIsUnauthorized() {
        String forSomeoneElse = bearer(idp.issueToken("corp", "alice-subject", "billing-app",
                Map.of("preferred_username", "alice", "groups", List.of("liberator-admins")), 300).serialize());

        assertThat(service.get("/api/v1/tokens", forSomeoneElse).statusCode()).isEqualTo(401);
        assertThat(service.post("/api/v1/tokens", "{\"consumer\":\"other-app\"}", forSomeoneElse).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anIdpWithoutARequiredAudienceStopsStartUpNamingTheSetting() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-oidc-no-audience"), keys.resolve("no-audience"));
        settings.put("liberator.oidc.issuer", idp.issuerUrl("corp").toString());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenServiceInstance.start(settings).close())
                .hasStackTraceContaining("liberator.oidc.audience is required");
    }

    @Test
    void aMistypedIdpUrlOrABrowserLoginAtAnotherIssuerStopsStartUpNamingTheSetting() {
        Map<String, Object> typo = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-oidc-typo"), keys.resolve("typo"));
        typo.put("liberator.oidc.issuer", idp.issuerUrl("corp").toString());
        typo.put("liberator.oidc.audience", "liberator");
        typo.put("liberator.oidc.jwks-url", "htps//idp.example/jwks");
        Map<String, Object> twoIdps = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-oidc-two-idps"), keys.resolve("two-idps"));
        twoIdps.put("liberator.oidc.issuer", idp.issuerUrl("corp").toString());
        twoIdps.put("liberator.oidc.audience", "liberator");
        twoIdps.put("micronaut.security.oauth2.clients.liberator.client-id", "liberator-page");
        twoIdps.put("micronaut.security.oauth2.clients.liberator.client-secret", "page-secret");
        twoIdps.put("micronaut.security.oauth2.clients.liberator.openid.issuer", idp.issuerUrl("elsewhere").toString());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenServiceInstance.start(typo).close())
                .hasStackTraceContaining("liberator.oidc.jwks-url must be an http(s) URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenServiceInstance.start(twoIdps).close())
                .hasStackTraceContaining("micronaut.security.oauth2.clients.liberator.openid.issuer")
                .hasStackTraceContaining("must be liberator.oidc.issuer");
    }

    /** An IdP down at start does not stop the service; its tokens are refused until it answers, then sign in. */
    @Test
    void anIdpThatIsDownAtStartIsFoundOnceItAnswers() {
        int port = FreePort.pick();
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-oidc-late-idp"), keys.resolve("late-idp"));
        settings.put("liberator.oidc.issuer", "http://localhost:" + port + "/corp");
        settings.put("liberator.oidc.audience", "liberator");
        settings.put("liberator.oidc.roles-claim", "groups");
        settings.put("liberator.oidc.super-admin-role", "liberator-admins");
        MockOAuth2Server lateIdp = new MockOAuth2Server();
        try (TokenServiceInstance late = TokenServiceInstance.start(settings)) {
            assertThat(late.get("/api/v1/tokens", TokenServiceInstance.ADMIN).statusCode()).isEqualTo(200);

            lateIdp.start(port);
            String alice = bearer(lateIdp.issueToken("corp", "alice-subject", "liberator",
                    Map.of("preferred_username", "alice", "groups", List.of("liberator-admins")), 300).serialize());
            // the first one finds the keys unknown: refused, and it starts discovery again
            assertThat(late.get("/api/v1/tokens", alice).statusCode()).isEqualTo(401);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> late.get("/api/v1/tokens", alice).statusCode() == 200);
        } finally {
            lateIdp.shutdown();
        }
    }

    @Test
    void garbageInTheBearerHeaderIsUnauthorized() {
        assertThat(service.get("/api/v1/tokens", bearer("not-a-jwt")).statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedWrongAdminPasswordsFromOneClientAreThrottledWith429() {
        String wrong = TokenServiceInstance.basic("admin", "wrong");
        for (int i = 0; i < 3; i++) {
            assertThat(service.get("/api/v1/tokens", wrong).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = service.get("/api/v1/tokens", TokenServiceInstance.ADMIN);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(throttled).get("detail").asText()).contains("wait");
        String alice = token("corp", "alice", List.of("liberator-admins"), 300);
        assertThat(service.get("/api/v1/tokens", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserSignsInThroughTheIdpAndItsSessionCookieCarriesTheRoles() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "dora-subject", "JWT", List.of("liberator-page"),
                Map.of("preferred_username", "dora", "groups", List.of("liberator-auditors")), 3600));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        browser.send(HttpRequest.newBuilder(service.uri("/oauth/login/liberator")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> list = browser.send(HttpRequest.newBuilder(service.uri("/api/v1/tokens")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> issue = browser.send(HttpRequest.newBuilder(service.uri("/api/v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"consumer\":\"grafana-prod\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(issue.statusCode()).isEqualTo(403);
    }
}
