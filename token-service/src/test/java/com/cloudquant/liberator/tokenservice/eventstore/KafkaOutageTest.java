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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaOutageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void kafkaDownMeans503AndNothingIssuedThenIssuingRecoversWithoutARestart() {
        String topic = KAFKA.createTokenTopic("tokens-outage");
        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            service.issue("before-outage");

            KAFKA.broker().stop();
            HttpResponse<String> during = service.post("/api/v1/tokens", "{\"consumer\":\"during-outage\"}", ADMIN);

            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(during).get("detail").asText()).contains("Kafka").contains("nothing was recorded");
            assertThat(during.body()).doesNotContain("cqm_");
            assertThat(json(service.management("/health")).at("/details/tokenLog/details/kafkaReachable").asBoolean()).isFalse();
            assertThat(service.get("/api/v1/audit/events", ADMIN).statusCode()).isEqualTo(503);

            KAFKA.broker().start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    service.post("/api/v1/tokens", "{\"consumer\":\"after-outage\"}", ADMIN).statusCode() == 201);

            assertThat(json(service.get("/api/v1/tokens?consumer=during-outage", ADMIN))).isEmpty();
            assertThat(json(service.get("/api/v1/tokens?consumer=after-outage", ADMIN))).hasSize(1);
            assertThat(json(service.get("/api/v1/audit/verify", ADMIN)).get("intact").asBoolean()).isTrue();
            assertThat(service.get("/api/v1/audit/events", ADMIN).body()).doesNotContain("during-outage");
        }
    }

    /** Deciding a revocation re-reads the token's records from Kafka: with Kafka down it is refused, nothing revoked. */
    @Test
    void kafkaDownMeans503ForARevocationAndItSucceedsOnceKafkaIsBack() {
        String topic = KAFKA.createTokenTopic("tokens-outage-revoke");
        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            String id = service.issue("before-outage").get("id").asText();

            KAFKA.broker().stop();
            HttpResponse<String> during = service.delete("/api/v1/tokens/" + id, ADMIN);

            assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
            assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(during).get("detail").asText()).contains("Kafka").contains("nothing was recorded");
            assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("active");

            KAFKA.broker().start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    service.delete("/api/v1/tokens/" + id, ADMIN).statusCode() == 200);

            assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("revoked");
            assertThat(json(service.get("/api/v1/audit/verify", ADMIN)).get("verifiedRecords").asLong()).isEqualTo(2);
        }
    }
}
