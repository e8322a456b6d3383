package com.cloudquant.liberator.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.RecordingUpstream;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A per-token in-flight slot is given back on every path, including forwarding that throws
 * before its {@code Mono} exists: after as many such failures as the token has slots, the
 * token still gets all of its concurrent requests through.
 */
@ExtendWith(SharedInfra.class)
class InFlightSlotReleaseTest {

    private static final String P = "/metrics-api-bearer";
    private static final int SLOTS = 20; // liberator.gateway.max-in-flight-per-token's default

    @Test
    void forwardingThatThrowsBeforeItsMonoExistsLeaksNoSlot() {
        ExecutorService clients = Executors.newFixedThreadPool(SLOTS);
        try (RecordingUpstream upstream = new RecordingUpstream();
             GatewayHarness gateway = GatewayHarness.start(upstream.url(), Map.of(ThrowingForwarder.FAIL_FIRST, SLOTS))) {
            GatewayHarness.Issued token = gateway.issue("grafana-prod");

            for (int i = 0; i < SLOTS; i++) {
                HttpResponse<String> failed = gateway.get(P + "/api/v1/query?query=fail" + i, "Authorization", token.bearer());
                // answered as Prometheus answers its own failures, not with the framework's error body
                assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
                assertThat(failed.body()).startsWith("{\"status\":\"error\",\"errorType\":\"internal\",")
                        .doesNotContain("at com.").doesNotContain("Exception").doesNotContain("injected");
            }
            assertThat(((ThrowingForwarder) gateway.context().getBean(UpstreamForwarder.class)).thrown()).isEqualTo(SLOTS);
            assertThat(gateway.context().getBean(MeterRegistry.class).get("liberator.gateway.requests")
                    .tag("reason", "internal_error").tag("code", "500").counter().count())
                    .as("every failure counted with its reason").isEqualTo(SLOTS);
            assertThat(upstream.received()).isEmpty();

            upstream.hold();
            try {
                heldRequestsAllGetThrough(gateway, upstream, token, clients);
            } finally {
                upstream.release();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void heldRequestsAllGetThrough(GatewayHarness gateway, RecordingUpstream upstream,
                                                  GatewayHarness.Issued token, ExecutorService clients) {
        AtomicInteger clientFailures = new AtomicInteger();
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            String query = P + "/api/v1/query?query=held" + i;
            held.add(CompletableFuture.supplyAsync(() -> gateway.get(query, "Authorization", token.bearer()).statusCode(), clients)
                    .whenComplete((status, error) -> clientFailures.addAndGet(error == null ? 0 : 1)));
        }
        // every slot is in use by a live request: all of them reached upstream at once
        await("all " + SLOTS + " requests reach upstream together (a leaked slot answers 429 instead)")
                .atMost(Duration.ofSeconds(10)).until(() -> upstream.received().size() == SLOTS);
        HttpResponse<String> overLimit = gateway.get(P + "/api/v1/query?query=over", "Authorization", token.bearer());
        upstream.release();

        assertThat(overLimit.statusCode()).as(overLimit.body()).isEqualTo(429);
        assertThat(held).allSatisfy(f -> assertThat(f.join()).isEqualTo(200));
        assertThat(clientFailures.get()).isZero();
        MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("liberator.gateway.in.flight").gauge().value() == 0);
    }
}
