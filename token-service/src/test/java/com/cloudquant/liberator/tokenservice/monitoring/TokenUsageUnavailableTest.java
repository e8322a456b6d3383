package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token list never fails, nor waits long, because Prometheus cannot say how tokens are used: each
 * item says why its use is unknown instead.
 */
class TokenUsageUnavailableTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    @Test
    void aPrometheusThatAcceptsButNeverAnswersCostsTheListOneTimeoutAndEachItemSaysSo() throws Exception {
        // the kernel completes the connection from the backlog; nothing ever reads the request or answers
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, Object> settings = MonitoredSettings.of(KAFKA, "tokens-usage-hung", temp.resolve("hung-keys"),
                    "http://127.0.0.1:" + hung.getLocalPort());
            settings.put("liberator.monitoring.timeout", "1s");
            try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
                service.issue("grafana-hung");

                long started = System.nanoTime();
                HttpResponse<String> response = service.get("/api/v1/tokens", ADMIN);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(took).as("one monitoring timeout, not one per query").isLessThan(Duration.ofMillis(1900));
                JsonNode item = json(response).get(0);
                assertThat(item.get("consumer").asText()).isEqualTo("grafana-hung");
                assertThat(item.get("usageUnavailable").asText())
                        .isEqualTo("unreachable: no answer within 1000 ms (liberator.monitoring.timeout)");
                assertUnknown(item);
            }
        }
    }

    @Test
    void withoutAConfiguredPrometheusEachItemSaysNotConfigured() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-usage-none"), temp.resolve("none-keys"));
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("grafana-none");

            HttpResponse<String> response = service.get("/api/v1/tokens", ADMIN);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode item = json(response).get(0);
            assertThat(item.get("usageUnavailable").asText()).isEqualTo("not-configured");
            assertUnknown(item);
        }
    }

    private static void assertUnknown(JsonNode item) {
        for (String field : new String[] {"lastUsedAt", "requests24h", "unused"}) {
            assertThat(item.has(field)).as("%s written as null: unknown, not never", field).isTrue();
            assertThat(item.get(field).isNull()).as(field).isTrue();
        }
    }
}
