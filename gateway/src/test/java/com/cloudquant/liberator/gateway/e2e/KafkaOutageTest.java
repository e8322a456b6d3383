package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.kafka.ForkedKafkaCluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka gone: serve what is known, then fail closed past max-staleness, then recover by itself.
 * The broker is this test's own, a separate process killed with SIGKILL (no controlled shutdown,
 * connections cut as a crash cuts them), so no other test ever sees the suite's broker down.
 */
@ExtendWith(SharedInfra.class)
class KafkaOutageTest {

    private static final String QUERY = "/metrics-api-bearer/api/v1/query?query=up";
    private static final int BROKER = 1;
    private static ForkedKafkaCluster kafka;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        kafka = ForkedKafkaCluster.builder().brokers(1).build().start();
        gateway = GatewayHarness.start(kafka, SharedInfra.prometheus().url(), Map.of("liberator.gateway.max-staleness", "3s"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        kafka.close();
    }

    @Test
    void replicaServesWhileFreshFailsClosedPastMaxStalenessAndRecoversWhenKafkaReturns() {
        GatewayHarness.Issued token = gateway.issue("grafana-prod");
        kafka.killBroker(BROKER);
        try {
            assertThat(gateway.get(QUERY, "Authorization", token.bearer()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> refused = gateway.get(QUERY, "Authorization", token.bearer());
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"errorType\":\"unavailable\"", "max-staleness");
            });
            assertThat(readiness().statusCode()).isEqualTo(503);
        } finally {
            kafka.startBroker(BROKER);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(gateway.get(QUERY, "Authorization", token.bearer()).statusCode()).isEqualTo(200));
        assertThat(readiness().statusCode()).isEqualTo(200);
        // and the log moves on: a token issued after the crash works on its first request
        GatewayHarness.Issued afterCrash = gateway.issue("grafana-after-crash");
        assertThat(gateway.get(QUERY, "Authorization", afterCrash.bearer()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> readiness() {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/readiness")).GET());
    }
}
