package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static com.cloudquant.liberator.tokenservice.support.TokenUsageHistory.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.BackfilledPrometheus;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.Started;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.cloudquant.liberator.tokenservice.support.TokenUsageHistory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/tokens} with each token's use, read from a real Prometheus holding a day and more of
 * the gateways' per-token meters (backfilled): a token used a minute ago on two replicas, one last used
 * 30 hours ago, one last used on a replica that died since, and one never used.
 */
class TokenUsageListTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static final Started started = new Started();
    static BackfilledPrometheus prometheus;
    static TokenServiceInstance service;
    static String recent;
    static String stale;
    static String restarted;
    static String never;
    static String retired;
    static long now;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePort.pick();
        Map<String, Object> settings = MonitoredSettings.of(KAFKA, "tokens-usage", temp.resolve("keys"),
                "http://127.0.0.1:" + port);
        settings.put("liberator.monitoring.unused-after", "1d");
        service = started.own(TokenServiceInstance.start(settings));
        recent = service.issue("grafana-recent").get("id").asText();
        stale = service.issue("grafana-stale").get("id").asText();
        restarted = service.issue("grafana-restarted").get("id").asText();
        never = service.issue("grafana-never").get("id").asText();
        retired = service.issue("grafana-retired").get("id").asText();

        now = Instant.now().getEpochSecond();
        TokenUsageHistory history = new TokenUsageHistory()
                // used every scrape until a minute ago on one replica, and for 5 minutes an hour ago on another
                .served(recent, "gw-1", now - 7200, now, t -> Math.min(t, now - 60),
                        t -> (Math.min(t, now - 60) - (now - 7200)) / STEP)
                .served(recent, "gw-2", now - 3600, now, t -> Math.min(t, now - 3300),
                        t -> (Math.min(t, now - 3300) - (now - 3600)) / STEP)
                // last used 30 hours ago, on a replica alive since
                .served(stale, "gw-1", now - 30 * 3600, now, t -> now - 30 * 3600, t -> 50)
                .served(retired, "gw-1", now - 30 * 3600, now, t -> now - 30 * 3600, t -> 50)
                // used for an hour, then its replica stopped exporting (restarted, or gone) 3 hours ago
                .served(restarted, "gw-3", now - 5 * 3600, now - 3 * 3600, t -> Math.min(t, now - 4 * 3600),
                        t -> (Math.min(t, now - 4 * 3600) - (now - 5 * 3600)) / STEP);
        prometheus = started.own(BackfilledPrometheus.start(Files.createDirectories(temp.resolve("prometheus")),
                port, history.openMetrics(), GatewayMetric.TOKEN_LAST_REQUEST.series()));
    }

    @AfterAll
    static void stop() throws Exception {
        started.close();
    }

    @Test
    void eachItemShowsWhenItsTokenWasLastUsedAndHowOftenInTheLastDay() {
        Map<String, JsonNode> items = list(service);

        JsonNode used = items.get(recent);
        assertThat(Instant.parse(used.get("lastUsedAt").asText())).isEqualTo(Instant.ofEpochSecond(now - 60));
        // 476 on one replica and 20 on the other; Prometheus's increase() extrapolates at most one scrape's worth
        assertThat(used.get("requests24h").asLong()).isBetween(496L, 498L);
        assertThat(used.get("unused").asBoolean()).isFalse();
        assertThat(used.get("usageUnavailable").isNull()).isTrue();

        JsonNode old = items.get(stale);
        assertThat(Instant.parse(old.get("lastUsedAt").asText())).isEqualTo(Instant.ofEpochSecond(now - 30 * 3600));
        assertThat(old.get("requests24h").asLong()).isZero();
        assertThat(old.get("unused").asBoolean()).as("not used for longer than unused-after (1d)").isTrue();

        JsonNode gone = items.get(restarted);
        assertThat(Instant.parse(gone.get("lastUsedAt").asText()))
                .as("remembered after the replica that served it is gone").isEqualTo(Instant.ofEpochSecond(now - 4 * 3600));
        assertThat(gone.get("requests24h").asLong()).isEqualTo(240L);
        assertThat(gone.get("unused").asBoolean()).isFalse();

        JsonNode idle = items.get(never);
        assertThat(idle.has("lastUsedAt")).as("null is written, meaning never").isTrue();
        assertThat(idle.get("lastUsedAt").isNull()).isTrue();
        assertThat(idle.get("requests24h").asLong()).isZero();
        assertThat(idle.get("unused").asBoolean()).as("issued a moment ago").isFalse();
    }

    @Test
    void aRevokedTokenIsNeverFlaggedUnusedButKeepsItsLastUse() {
        assertThat(list(service).get(retired).get("unused").asBoolean()).isTrue();

        assertThat(service.delete("/api/v1/tokens/" + retired, ADMIN).statusCode()).isEqualTo(200);

        JsonNode revoked = list(service).get(retired);
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("unused").asBoolean()).as("it opens nothing any more").isFalse();
        assertThat(Instant.parse(revoked.get("lastUsedAt").asText())).isEqualTo(Instant.ofEpochSecond(now - 30 * 3600));
    }

    static Map<String, JsonNode> list(TokenServiceInstance instance) {
        HttpResponse<String> response = instance.get("/api/v1/tokens", ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        json(response).forEach(item -> byId.put(item.get("id").asText(), item));
        return byId;
    }
}
