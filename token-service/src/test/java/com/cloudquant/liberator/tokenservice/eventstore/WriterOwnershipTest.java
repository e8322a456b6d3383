package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two token-services on one topic (two contexts in one JVM, one real broker): the second
 * fences the first, which knows it without writing — /health DOWN within the probe interval —
 * and never answers 404 for a token the second issued.
 */
class WriterOwnershipTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path keys;

    @Test
    void aFencedInstanceReportsDownWithinTheProbeIntervalWithoutWriting() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-owner-probe"), keys);
        settings.put("liberator.kafka.writer-probe-interval", PROBE_INTERVAL.toMillis() + "ms");
        try (TokenServiceInstance first = TokenServiceInstance.start(settings)) {
            assertThat(first.management("/health").statusCode()).isEqualTo(200);

            try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
                long fencedAt = System.nanoTime();

                // the first instance writes nothing: only its probe can tell it
                await().atMost(PROBE_INTERVAL.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> first.management("/health").statusCode() == 503);

                Duration noticed = Duration.ofNanos(System.nanoTime() - fencedAt);
                HttpResponse<String> health = first.management("/health");
                assertThat(json(health).at("/details/tokenLog/details/fenced").asBoolean()).isTrue();
                assertThat(noticed).as("time until the fenced instance reported DOWN").isLessThan(PROBE_INTERVAL.multipliedBy(3));
                String id = second.issue("grafana-prod").get("id").asText();

                HttpResponse<String> revoke = first.delete("/api/v1/tokens/" + id, ADMIN);

                assertThat(revoke.statusCode()).as("fenced instance's revoke of the new writer's token: %s", revoke.body())
                        .isEqualTo(503);
                assertThat(json(revoke).get("detail").asText()).contains("another token-service instance");
                assertThat(second.management("/health").statusCode()).isEqualTo(200);
                assertThat(json(second.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("active");
            }
        }
    }

    @Test
    void beforeItsProbeRunsAFencedInstanceRevokingTheNewWritersTokenAnswers503Not404() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-owner-revoke"), keys);
        settings.put("liberator.kafka.writer-probe-interval", "1h");
        try (TokenServiceInstance first = TokenServiceInstance.start(settings);
             TokenServiceInstance second = TokenServiceInstance.start(settings)) {
            String id = second.issue("grafana-prod").get("id").asText();

            HttpResponse<String> revoke = first.delete("/api/v1/tokens/" + id, ADMIN);

            assertThat(revoke.statusCode()).as("revoke at the fenced instance: %s", revoke.body()).isEqualTo(503);
            // a lookup at the fenced instance reads the log to its end before it would answer 404
            assertThat(first.get("/api/v1/tokens/" + id, ADMIN).statusCode()).isEqualTo(200);
            assertThat(first.management("/health").statusCode()).isEqualTo(503);
            assertThat(json(second.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("active");
            assertThat(second.delete("/api/v1/tokens/" + id, ADMIN).statusCode()).isEqualTo(200);
        }
    }
}
