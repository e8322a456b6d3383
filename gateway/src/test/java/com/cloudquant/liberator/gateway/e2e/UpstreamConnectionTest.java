package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.RawHttp;
import com.cloudquant.liberator.gateway.testing.ScriptedUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway does with upstream connections and answers that a well-behaved Prometheus
 * rarely sends: answers after the deadline or after the caller hung up (read and discarded, so the
 * pooled connection and its buffers are freed), redirects, and odd header spellings.
 */
@ExtendWith(SharedInfra.class)
class UpstreamConnectionTest {

    private static final String P = "/metrics-api-bearer";
    /** Larger than loopback socket buffers: writing it finishes only if the gateway reads it (or closes). */
    private static final int LARGE = 32 * 1024 * 1024;

    private static ScriptedUpstream upstream;
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;

    @BeforeAll
    static void start() {
        upstream = new ScriptedUpstream();
        gateway = GatewayHarness.start(upstream.url(), Map.of("liberator.gateway.response-timeout", "1s"));
        token = gateway.issue("grafana-prod");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aLargeAnswerArrivingAfterTheDeadlineIsReadAndDiscardedNotLeftHanging() {
        CompletableFuture<String> lateWrite = new CompletableFuture<>();
        CountDownLatch timedOut = new CountDownLatch(1);
        upstream.script((head, out) -> {
            timedOut.await(10, TimeUnit.SECONDS); // answer only once the caller has its 504
            writeLarge(out, lateWrite);
        });

        assertThat(gateway.get(P + "/api/v1/query?query=slow", "Authorization", token.bearer()).statusCode())
                .isEqualTo(504);
        timedOut.countDown();

        // without a reader the write would block for minutes (until the client's read timeout)
        assertThat(lateWrite).succeedsWithin(Duration.ofSeconds(15));
        upstream.script((head, out) -> out.write(ScriptedUpstream.answer("200 OK", "", "{\"status\":\"success\"}")));
        assertThat(gateway.get(P + "/api/v1/query?query=next", "Authorization", token.bearer()).body())
                .isEqualTo("{\"status\":\"success\"}");
    }

    @Test
    void aLargeAnswerForACallerWhoHungUpIsReadAndDiscardedNotLeftHanging() throws IOException {
        CompletableFuture<String> orphanWrite = new CompletableFuture<>();
        CountDownLatch callerGone = new CountDownLatch(1);
        upstream.script((head, out) -> {
            callerGone.await(10, TimeUnit.SECONDS);
            writeLarge(out, orphanWrite);
        });
        int before = upstream.requests().size();
        try (Socket caller = new Socket("127.0.0.1", gateway.port())) {
            caller.getOutputStream().write(("GET " + P + "/api/v1/query?query=abandoned HTTP/1.1\r\nHost: gw\r\n"
                    + "Authorization: " + token.bearer() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            caller.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.requests().size() > before);
        } // the caller hangs up before upstream answers
        callerGone.countDown();

        assertThat(orphanWrite).succeedsWithin(Duration.ofSeconds(15)); // read and dropped, or the connection closed
    }

    @Test
    void aRedirectFromUpstreamGoesBackToTheCallerAndIsNotFollowed() {
        upstream.script((head, out) -> out.write(ScriptedUpstream.answer("302 Found",
                "Location: /api/v1/admin/tsdb/snapshot\r\n", "")));
        int before = upstream.requests().size();

        HttpResponse<String> response = gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(upstream.requests()).hasSize(before + 1);
    }

    @Test
    void upstreamHeadersAreCopiedOnceWhateverTheirSpellingAndConnectionListedOnesNever() {
        upstream.script((head, out) -> out.write(ScriptedUpstream.answer("200 OK",
                "Connection: keep-alive, X-Hop\r\nX-Hop: internal\r\nX-Dup: a\r\nx-dup: b\r\n", "{}")));

        HttpResponse<String> response = gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Dup")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("X-Hop")).isEmpty();
    }

    @Test
    void clientHeadersAreCopiedOnceWhateverTheirSpelling() {
        upstream.script((head, out) -> out.write(ScriptedUpstream.answer("200 OK", "", "{}")));
        int before = upstream.requests().size();
        assertThat(RawHttp.status(gateway.port(), "GET", P + "/api/v1/query?query=up", "Authorization: " + token.bearer(),
                "X-Grafana-Org-Id: 1", "x-grafana-org-id: 2")).isEqualTo(200);
        String forwarded = upstream.requests().get(before).toLowerCase(Locale.ROOT);
        assertThat(forwarded.split("x-grafana-org-id:", -1)).as(forwarded).hasSize(3); // two lines, not four
        assertThat(forwarded).contains("x-grafana-org-id: 1\r\n", "x-grafana-org-id: 2\r\n");
    }

    private static void writeLarge(OutputStream out, CompletableFuture<String> outcome) {
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + LARGE + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1 << 16];
            for (int sent = 0; sent < LARGE; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            outcome.complete("read by the gateway");
        } catch (IOException closedByGateway) {
            outcome.complete("connection closed by the gateway");
        }
    }
}
