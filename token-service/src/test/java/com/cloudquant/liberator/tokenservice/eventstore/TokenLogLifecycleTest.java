package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TokenLogLifecycleTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void aRestartedServiceRebuildsTheSameListAndRevocations() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-rebuild"), keys);
        JsonNode before;
        try (TokenServiceInstance first = TokenServiceInstance.start(settings)) {
            first.issue("grafana-prod");
            String revoked = first.issue("grafana-prod").get("id").asText();
            first.issue("federated-prometheus-eu");
            first.delete("/api/v1/tokens/" + revoked, ADMIN);
            before = json(first.get("/api/v1/tokens", ADMIN));
        }

        try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
            JsonNode after = json(second.get("/api/v1/tokens", ADMIN));

            assertThat(after).isEqualTo(before);
            assertThat(after).hasSize(3);
            assertThat(json(second.get("/api/v1/tokens?status=revoked", ADMIN))).hasSize(1);
            assertThat(second.issue("grafana-prod").get("id").asText()).isNotBlank();
        }
    }

    @Test
    void aSecondInstanceFencesTheFirstWhichRefusesWritesAndSaysSoInHealth() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-fencing"), keys);
        try (TokenServiceInstance first = TokenServiceInstance.start(settings)) {
            String id = first.issue("grafana-prod").get("id").asText();

            try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
                HttpResponse<String> refused = first.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", ADMIN);
                HttpResponse<String> revokeRefused = first.delete("/api/v1/tokens/" + id, ADMIN);
                HttpResponse<String> health = first.get("/health", null);

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(json(refused).get("detail").asText()).contains("another token-service instance");
                assertThat(revokeRefused.statusCode()).isEqualTo(503);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(json(health).at("/details/tokenLog/details/fenced").asBoolean()).isTrue();
                assertThat(second.issue("grafana-prod").get("id").asText()).isNotBlank();
                assertThat(json(second.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("active");
                assertThat(json(second.get("/api/v1/audit/verify", ADMIN)).get("intact").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aServiceRefusesToStartOnABrokenChainNamingTheOffset() throws Exception {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-broken"), keys);
        try (TokenServiceInstance writer = TokenServiceInstance.start(settings)) {
            writer.issue("grafana-prod");
        }
        appendForeignRecord("tokens-broken", "{\"schemaVersion\":1,\"seq\":2,\"type\":\"TokenIssued\"}");

        assertThatThrownBy(() -> TokenServiceInstance.start(settings).close())
                .rootCause()
                // offset 0 is the issued event, offset 1 its transaction's commit marker
                .hasMessageContaining("offset 2")
                .hasMessageContaining("refusing to start");
    }

    private static void appendForeignRecord(String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "forged", value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
