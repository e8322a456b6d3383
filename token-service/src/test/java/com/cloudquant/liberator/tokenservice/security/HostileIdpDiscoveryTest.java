package com.cloudquant.liberator.tokenservice.security;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An IdP that answers discovery and key-set requests the way an attacker (or a broken IdP) would, over real
 * HTTP: a discovery document naming another issuer, a 1 MB key set, a key set that never answers. Its
 * tokens are refused (401, never 500) while it misbehaves, the local admin keeps working, and once it
 * answers properly its tokens sign in: nothing stays open or stays broken.
 */
class HostileIdpDiscoveryTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    private final AtomicReference<String> discovery = new AtomicReference<>("another-issuer");
    private final AtomicReference<String> keySet = new AtomicReference<>("good");

    @Test
    void aMisbehavingIdpIsRefusedUntilItAnswersProperly() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("idp-key").generate();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(idp(server, key));
            server.start();
            String issuer = server.url("/realm").toString();
            Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                    KAFKA.createTokenTopic("tokens-hostile-idp"), keys.resolve("hostile-idp"));
            settings.put("liberator.oidc.issuer", issuer);
            settings.put("liberator.oidc.audience", "liberator");
            String raw = token(key, issuer);
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            root.addAppender(logs);
            try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
                String token = bearer(raw);

                // discovery names another issuer: its jwks_uri is never used
                assertThat(service.get("/api/v1/tokens", token).statusCode()).isEqualTo(401);
                assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                        .startsWith("decision=idp-discovery-failed").contains("names issuer https://evil.example/realm"));

                // a 1 MB key set: refused, no 500
                discovery.set("good");
                keySet.set("huge");
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.get("/api/v1/tokens", token).statusCode() == 401
                        && logs.list.stream().anyMatch(event -> event.getFormattedMessage().startsWith("decision=idp-keys-found")));
                assertThat(service.get("/api/v1/tokens", token).statusCode()).isEqualTo(401);

                // a key set that never answers: the token is refused in bounded time, the admin is not held up
                keySet.set("never");
                CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(
                        () -> service.get("/api/v1/tokens", token).statusCode());
                long started = System.nanoTime();
                assertThat(service.get("/api/v1/tokens", TokenServiceInstance.ADMIN).statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(401);

                // the IdP answers properly again: its token signs in (no restart), a forged one still does not
                keySet.set("good");
                Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> service.get("/api/v1/tokens", token).statusCode() == 200);
                RSAKey mallory = new RSAKeyGenerator(2048).keyID("idp-key").generate();
                assertThat(service.get("/api/v1/tokens", bearer(token(mallory, issuer))).statusCode()).isEqualTo(401);
            } finally {
                root.detachAppender(logs);
            }
            assertThat(logs.list).noneMatch(event -> event.getFormattedMessage().contains(raw.split("\\.")[2]));
            assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(4);
        }
    }

    private Dispatcher idp(MockWebServer server, RSAKey key) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.endsWith("/.well-known/openid-configuration")) {
                    String named = "another-issuer".equals(discovery.get()) ? "https://evil.example/realm" : server.url("/realm").toString();
                    return json("{\"issuer\":\"" + named + "\",\"jwks_uri\":\"" + server.url("/realm/jwks")
                            + "\",\"authorization_endpoint\":\"" + server.url("/realm/authorize") + "\"}");
                }
                if (path.endsWith("/jwks")) {
                    switch (keySet.get()) {
                        case "huge":
                            return json("{\"keys\":[\"" + "A".repeat(1024 * 1024) + "\"]}");
                        case "never":
                            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
                        default:
                            return json(new JWKSet(key.toPublicJWK()).toString());
                    }
                }
                return new MockResponse().setResponseCode(404);
            }
        };
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String token(RSAKey key, String issuer) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).audience("liberator").subject("alice-subject")
                            .claim("preferred_username", "alice").claim("roles", List.of(Roles.SUPER_ADMIN)).issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
