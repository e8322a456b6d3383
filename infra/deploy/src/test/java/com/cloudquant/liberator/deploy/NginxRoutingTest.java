package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.process.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production nginx config, running: a real nginx loads the {@link NginxRendering} copy
 * (free ports, fake gateways and token-service on loopback, the certificate from the tls-init
 * script), and requests go through it over HTTPS and plain HTTP.
 */
class NginxRoutingTest {

    private static Path tls;
    private FakeUpstream gateway1;
    private FakeUpstream gateway2;
    private FakeUpstream tokenService;
    private Process nginx;
    private int httpPort;
    private int httpsPort;
    private int internalPort;
    private HttpClient client;
    private Path logs;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) {
        tls = dir;
        TlsInit.makeCertificate(tls);
    }

    /** A fresh nginx per test: it remembers failed upstreams for fail_timeout. */
    @BeforeEach
    void startNginx(@TempDir Path prefix) throws Exception {
        String program = Programs.require("nginx", "nginx");
        gateway1 = FakeUpstream.start("gateway-1");
        gateway2 = FakeUpstream.start("gateway-2");
        tokenService = FakeUpstream.start("token-service");
        Files.createSymbolicLink(prefix.resolve("tls"), tls);
        logs = Files.createDirectories(prefix.resolve("logs"));
        httpPort = FreePort.pick();
        httpsPort = FreePort.pick();
        internalPort = FreePort.pick();
        int healthPort = FreePort.pick();
        String rendered = NginxRendering.render(Files.readString(NginxConfigTest.CONFIG), prefix,
                Map.of("gateway-1", gateway1.port(), "gateway-2", gateway2.port(), "token-service", tokenService.port()),
                Map.of("8080", "127.0.0.1:" + httpPort, "8443", "127.0.0.1:" + httpsPort, "8088", "127.0.0.1:" + internalPort,
                        "127.0.0.1:8081", "127.0.0.1:" + healthPort));
        Path config = Files.writeString(prefix.resolve("nginx.conf"), rendered);
        nginx = new ProcessBuilder(program, "-p", prefix + "/", "-c", config.toString(), "-e", logs.resolve("error.log").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(logs.resolve("nginx.out").toFile()).start();
        client = HttpClient.newBuilder().sslContext(trusting(tls.resolve("liberator.crt"))).connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient plain = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> nginx.isAlive() && plain.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/nginx-health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    @AfterEach
    void stopNginx() throws InterruptedException, IOException {
        if (Files.exists(logs.resolve("error.log"))) {
            // kept for a failed run: the temp prefix is deleted
            Files.copy(logs.resolve("error.log"), Path.of("target/nginx-routing-error.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        for (FakeUpstream upstream : new FakeUpstream[] {gateway1, gateway2, tokenService}) {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    @Test
    void bearerQueryOverTlsReachesAGatewayWithItsTokenAndForwardedHeadersSetByNginx() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer/api/v1/query?query=up"))
                .header("Authorization", "Bearer cqm_test").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Host", "evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        FakeUpstream gateway = response.body().equals("gateway-1") ? gateway1 : gateway2;
        assertThat(response.body()).isIn("gateway-1", "gateway-2");
        FakeUpstream.Seen seen = gateway.last();
        assertThat(seen.target()).isEqualTo("/metrics-api-bearer/api/v1/query?query=up");
        assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer cqm_test");
        // set, not appended: the client's claims are replaced by what nginx saw
        assertThat(seen.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(seen.headers().getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.headers().get("X-Forwarded-Host")).containsExactly("localhost:" + httpsPort);
        assertThat(seen.headers().getFirst("Host")).isEqualTo("localhost:" + httpsPort);
    }

    @Test
    void postQueriesAreRetriedOnTheOtherGatewayWhenOneAnswers503() throws Exception {
        gateway1.answer(503);
        for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer/api/v1/query"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("query=1%2B1")).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("attempt %d", i).isEqualTo(200);
                assertThat(response.body()).isEqualTo("gateway-2");
            }
        assertThat(gateway2.last().body()).isEqualTo("query=1%2B1");
    }

    @Test
    void queriesGoToTheOtherGatewayWhileOneIsDown() throws Exception {
        gateway2.stop();

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer/api/v1/labels")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("attempt %d", i).isEqualTo(200);
            assertThat(response.body()).isEqualTo("gateway-1");
        }
    }

    @Test
    void withNoGatewayReachableTheAnswerIsPrometheusErrorJsonNotAnHtmlPage() throws Exception {
        gateway1.stop();
        gateway2.stop();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer/api/v1/query?query=up")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("attempt %d", i).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"no metrics gateway");
        }
    }

    @Test
    void aGatewaysOwnErrorAnswerPassesUnchanged() throws Exception {
        gateway1.answer(502);
        gateway2.answer(502);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer/api/v1/query?query=up")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isIn("gateway-1", "gateway-2");
    }

    @Test
    void thePageItsAssetsSignInAndTheApiGoToTheTokenService() throws Exception {
        for (String path : List.of("/", "/login", "/logout", "/assets/page.css", "/oauth/login/liberator",
                "/api/v1/tokens", "/api/v1/audit/verify", "/login?error")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(https(path)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).as(path).isEqualTo("token-service");
            assertThat(tokenService.last().target()).isEqualTo(path);
        }
        assertThat(tokenService.last().headers().getFirst("X-Forwarded-Proto")).isEqualTo("https");
        // the prefix without its slash is nginx's redirect to the prefix, never the token-service
        HttpResponse<String> bare = client.send(HttpRequest.newBuilder(https("/metrics-api-bearer")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/metrics-api-bearer/"));
    }

    /** Internal paths of the services and near-misses of the public ones. */
    static final List<String> NOT_PUBLIC = List.of("/health", "/health/readiness", "/metrics", "/prometheus", "/beans",
            "/refresh", "/env", "/loggers", "/threaddump", "/routes", "/metrics-api-bearerx", "/loginx", "/assets",
            "/api/v2/tokens", "/api/v1", "/favicon.ico", "/api/v1/../health", "/api/v1/%2e%2e/metrics", "/oauth");

    @Test
    void everythingElseIsNginxsOwn404JsonAndReachesNoService() throws Exception {
        for (String path : NOT_PUBLIC) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(https(path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
                assertThat(response.body()).as(path).startsWith("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404");
            }
        }
        assertThat(tokenService.served() + gateway1.served() + gateway2.served()).as("requests proxied").isZero();
    }

    @Test
    void plainHttpIsRedirectedToHttpsWith308KeepingMethodPathAndQuery() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        for (String method : List.of("GET", "HEAD", "POST", "DELETE")) {
            for (String path : List.of("/", "/login", "/api/v1/tokens", "/metrics-api-bearer/api/v1/query?query=1%2B1",
                    "/health")) {
                HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(308);
                assertThat(response.headers().firstValue("Location")).as("%s %s", method, path)
                        .hasValue("https://localhost:8443" + path);
            }
        }
        assertThat(tokenService.served() + gateway1.served() + gateway2.served()).as("requests proxied over plain HTTP").isZero();
        // where the redirect leads (8443 here is the test's free port): TLS with the tls-init certificate
        HttpResponse<String> followed = client.send(HttpRequest.newBuilder(https("/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).startsWith("TLSv1."));
    }

    @Test
    void theInternalListenerServesGrafanaTheBearerRouteButNeverThePageOrTheApi() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();

        HttpResponse<String> query = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + internalPort
                + "/metrics-api-bearer/api/v1/query?query=up")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.body()).isIn("gateway-1", "gateway-2");
        assertThat((query.body().equals("gateway-1") ? gateway1 : gateway2).last().headers().getFirst("X-Forwarded-Proto"))
                .isEqualTo("http");
        for (String path : List.of("/", "/login", "/api/v1/tokens", "/assets/page.css", "/health")) {
            HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + internalPort + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(tokenService.served()).as("token-service requests over plain HTTP").isZero();
    }

    private URI https(String path) {
        return URI.create("https://localhost:" + httpsPort + path);
    }

    /** Trusts exactly the tls-init certificate, with host name checks on (it names localhost). */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("liberator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

}
