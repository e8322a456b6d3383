package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.ForbiddenSpellings;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.RawHttp;
import com.cloudquant.liberator.gateway.testing.RecordingUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What reaches upstream, checked by an upstream that records everything it receives. */
@ExtendWith(SharedInfra.class)
class ForwardingRulesTest {

    private static final String P = "/metrics-api-bearer";
    private static RecordingUpstream upstream;
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;

    @BeforeAll
    static void start() {
        upstream = new RecordingUpstream();
        gateway = GatewayHarness.start(upstream.url(), Map.of(
                "liberator.gateway.response-timeout", "1s",
                "liberator.gateway.max-in-flight-per-token", 2,
                // its forms carry times in 1970: forwarding is checked here, the lookback limit elsewhere
                "liberator.gateway.limits.max-lookback", "0s"));
        token = gateway.issue("grafana-prod");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.clear();
        upstream.delay(Duration.ZERO);
    }

    static List<String> spellings() {
        return ForbiddenSpellings.RAW_PATHS;
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void noSpellingOfAnAdminWriteReadReloadOrTraversalPathReachesUpstreamWithAValidToken(String target) {
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            int status = RawHttp.status(gateway.port(), method, target, "Authorization: " + token.bearer());
            assertThat(status).as(method + " " + target).isIn(400, 403, 404, 405);
        }
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void oddlySpelledAllowedPathIsForwardedAsItsCanonicalPathWithTheQueryIntact() {
        int status = RawHttp.status(gateway.port(), "GET",
                P + "//API/v1/./%71uery;x?query=sum%28up%29&time=4", "Authorization: " + token.bearer());
        assertThat(status).isEqualTo(200);
        assertThat(upstream.received()).singleElement().satisfies(r -> {
            assertThat(r.rawPath()).isEqualTo("/api/v1/query");
            assertThat(r.rawQuery()).isEqualTo("query=sum%28up%29&time=4");
        });
    }

    @Test
    void credentialsAndHopByHopHeadersNeverReachUpstreamAndForwardedHeadersAreTheGateways() {
        int status = RawHttp.status(gateway.port(), "GET", P + "/api/v1/query?query=up",
                "Authorization: " + token.bearer(),
                "Cookie: session=abc",
                "Proxy-Authorization: Basic Zm9vOmJhcg==",
                "X-Forwarded-For: 6.6.6.6",
                "X-Forwarded-Host: evil.example",
                "X-Secret-Hop: drop-me",
                "Connection: X-Secret-Hop");
        assertThat(status).isEqualTo(200);
        RecordingUpstream.Received received = upstream.received().get(0);
        assertThat(received.header("Authorization")).isNull();
        assertThat(received.header("Cookie")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
        assertThat(received.header("X-Secret-Hop")).isNull();
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).doesNotContain("evil.example");
        assertThat(received.headers().toString()).doesNotContain(token.token().reveal());
    }

    @Test
    void upstreamCookiesAndCorsGrantsNeverReachTheClient() {
        HttpResponse<String> response = gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void formPostBodyIsForwardedByteForByte() {
        String form = "query=sum+by+%28job%29+%28rate%28up%5B5m%5D%29%29+%2B+1&start=1&end=100&step=15&x=%C3%A9%26";
        HttpResponse<String> response = gateway.postForm(P + "/api/v1/query_range", form, "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(form);
        assertThat(received.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void aChunkedFormPostIsReadToBeJudgedThenForwardedByteForByteWithItsLength() {
        String form = "query=sum%28rate%28up%5B5m%5D%29%29&start=1&end=100&step=15s&unknown=%7E";
        byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + "/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), // no length: chunked
                "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.received().get(0);
        assertThat(received.body()).isEqualTo(bytes);
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(bytes.length));
        assertThat(received.rawQuery()).isNull();
    }

    @Test
    void slowRangeQueryFailsWithContextDeadlineExceeded() {
        upstream.delay(Duration.ofSeconds(3));
        HttpResponse<String> response = gateway.postForm(P + "/api/v1/query_range", "query=up&start=1&end=2&step=1",
                "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"errorType\":\"timeout\"", "\"error\":\"context deadline exceeded",
                "liberator.gateway.response-timeout");
    }

    @Test
    void anAnswerArrivingAfterTheDeadlineIsNeverHandedToTheNextQuery() {
        upstream.delay(Duration.ofMillis(1500)); // answers half a second after the gateway gave up
        assertThat(gateway.get(P + "/api/v1/query?query=slow", "Authorization", token.bearer()).statusCode())
                .isEqualTo(504);
        upstream.delay(Duration.ZERO);
        AtomicInteger sent = new AtomicInteger();
        // queries while the late answer is on its way, one per poll: each gets its own answer
        await("the late answer is sent to the gateway").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    boolean lateAnswerSent = upstream.answered().contains("query=slow");
                    assertAnsweredItself(sent.incrementAndGet());
                    return lateAnswerSent;
                });
        // and after it has arrived
        for (int i = 0; i < 3; i++) {
            assertAnsweredItself(sent.incrementAndGet());
        }
    }

    private void assertAnsweredItself(int n) {
        HttpResponse<String> next = gateway.get(P + "/api/v1/query?query=next" + n, "Authorization", token.bearer());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("X-Answer-To")).contains("query=next" + n);
    }

    @Test
    void tooManyQueriesInFlightForOneTokenAre429WithRetryAfter() {
        upstream.hold();
        try {
            List<CompletableFuture<HttpResponse<String>>> held = List.of(
                    CompletableFuture.supplyAsync(() -> gateway.get(P + "/api/v1/query?query=a", "Authorization", token.bearer())),
                    CompletableFuture.supplyAsync(() -> gateway.get(P + "/api/v1/query?query=b", "Authorization", token.bearer())));
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.received().size() == 2);
            HttpResponse<String> third = gateway.get(P + "/api/v1/query?query=c", "Authorization", token.bearer());
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).contains("1");
            assertThat(third.body()).contains("max-in-flight-per-token");
            upstream.release();
            held.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        } finally {
            upstream.release();
        }
        assertThat(gateway.get(P + "/api/v1/query?query=d", "Authorization", token.bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void federateBodyIsStreamedToTheClientBeforeUpstreamHasFinished() throws Exception {
        byte[] first = "up{job=\"prometheus\"} 1\n".repeat(4096).getBytes(StandardCharsets.UTF_8);
        upstream.streamThenHold(first);
        try {
            HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.url() + P + "/federate?match%5B%5D=up"))
                            .header("Authorization", token.bearer()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            byte[] seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return response.body().readNBytes(first.length);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            // upstream is still holding the rest of its answer: these bytes were streamed, not buffered
            assertThat(seen).isEqualTo(first);
            upstream.release();
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("# end\n");
        } finally {
            upstream.release();
        }
    }

    @Test
    void oversizedBodyIs413AndNotForwarded() {
        String form = "query=" + "a".repeat(1024 * 1024 + 1);
        HttpResponse<String> response = gateway.postForm(P + "/api/v1/query", form, "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("max-request-body");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void wrongMethodOnAnAllowedPathIs405() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + "/federate"))
                .POST(HttpRequest.BodyPublishers.ofString("match[]=up")), "Authorization", token.bearer());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void methodsAreCaseSensitive() {
        for (String method : List.of("get", "Get", "post")) {
            int status = RawHttp.status(gateway.port(), method, P + "/api/v1/query?query=up", "Authorization: " + token.bearer());
            assertThat(status).as(method).isIn(400, 405);
        }
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void unicodeThatJavaWouldCaseFoldIsNotAnAllowedPath() {
        // U+017F (long s) upper-cases to 'S', U+212A (Kelvin sign) lower-cases to 'k'
        for (String path : List.of("/api/v1/%C5%BFeries", "/api/v1/%C5%BFeries?match[]=up", "/api/v1/labels/%E2%84%AA")) {
            int status = RawHttp.status(gateway.port(), "GET", P + path, "Authorization: " + token.bearer());
            assertThat(status).as(path).isEqualTo(404);
        }
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aTargetWithAHostOrALeadingDoubleSlashIs400AndNeverReEncoded() {
        for (String target : List.of("//x" + P + "/api/v1/query?query=1%2B1",
                "http://upstream.example" + P + "/api/v1/query?query=1%2B1",
                "//" + P.substring(1) + "/api/v1/query?query=1%2B1")) {
            int status = RawHttp.status(gateway.port(), "GET", target, "Authorization: " + token.bearer());
            assertThat(status).as(target).isEqualTo(400);
        }
        assertThat(upstream.received()).isEmpty();
    }
}
