package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
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
            first.post("/api/v1/tokens", "{\"consumer\":\"payments-grafana\",\"scope\":\"{namespace='payments'}\"}",
                    ADMIN);
            first.post("/api/v1/tokens", "{\"consumer\":\"capacity-planning\",\"limits\":{\"maxRange\":\"90d\"}}", ADMIN);
            first.delete("/api/v1/tokens/" + revoked, ADMIN);
            before = json(first.get("/api/v1/tokens", ADMIN));
        }

        try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
            JsonNode after = json(second.get("/api/v1/tokens", ADMIN));

            assertThat(after).isEqualTo(before);
            assertThat(after).hasSize(5);
            // the scope comes back from the signed event, not from memory
            assertThat(json(second.get("/api/v1/tokens?consumer=payments-grafana", ADMIN)).get(0).get("scope").asText())
                    .isEqualTo("{namespace=\"payments\"}");
            // and so do the limits
            assertThat(json(second.get("/api/v1/tokens?consumer=capacity-planning", ADMIN)).get(0).get("limits").toString())
                    .isEqualTo("{\"maxRange\":\"90d\"}");
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
                HttpResponse<String> health = first.management("/health");

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
    void aForeignUnsignedRecordIsSkippedAtStartOnceAuditedAndTheAuditNamesItsOffset() throws Exception {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-broken"), keys);
        try (TokenServiceInstance writer = TokenServiceInstance.start(settings)) {
            writer.issue("grafana-prod");
        }
        appendForeignRecord("tokens-broken", "{\"schemaVersion\":1,\"seq\":2,\"type\":\"TokenIssued\"}");
        // the operator audited offset 2 (LogHaltTest covers the refusal before that)
        settings.put("liberator.kafka.skip-offsets", "2");

        try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
            assertThat(json(restarted.get("/api/v1/tokens", ADMIN))).hasSize(1);
            assertThat(restarted.issue("grafana-prod").get("id").asText()).isNotBlank();
            assertThat(restarted.management("/health").statusCode()).isEqualTo(200);
            JsonNode audit = json(restarted.get("/api/v1/audit/verify", ADMIN));
            assertThat(audit.get("intact").asBoolean()).isFalse();
            // offset 0 is the issued event, offset 1 its transaction's commit marker
            assertThat(audit.at("/firstBreak/offset").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aMissingTopicStopsTheStartNamingTheSettingAndTheFix() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), "tokens-never-created", keys);

        assertThatThrownBy(() -> TokenServiceInstance.start(settings).close())
                .rootCause()
                .hasMessageContaining("tokens-never-created (liberator.kafka.topic) does not exist")
                .hasMessageContaining("kafka-topics.sh");
    }

    @Test
    void anUnreplicatedTopicStopsTheStartWhenReplicationIsRequired() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-unreplicated"), keys);
        settings.put("liberator.kafka.require-replicated", true);

        assertThatThrownBy(() -> TokenServiceInstance.start(settings).close())
                .rootCause()
                .hasMessageContaining("replication factor 1")
                .hasMessageContaining("liberator.kafka.require-replicated");
    }

    @Test
    void kafkaClientPropertiesPassThroughToTheLogsClients() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-client-properties"), keys);
        settings.put("liberator.kafka.properties.security.protocol", "PLAINTEXT");
        settings.put("liberator.kafka.properties.sasl.jaas.config", "not-a-secret-but-treated-as-one");

        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            KafkaSettings kafka = service.bean(KafkaSettings.class);
            TokenLogSettings log = service.bean(TokenLogClients.class).logSettings();

            assertThat(kafka.properties()).containsEntry("security.protocol", "PLAINTEXT")
                    .containsEntry("sasl.jaas.config", "not-a-secret-but-treated-as-one");
            assertThat(log.readerProperties()).containsEntry("security.protocol", "PLAINTEXT");
            assertThat(log.adminProperties()).containsEntry("security.protocol", "PLAINTEXT");
            assertThat(log.producerBaseProperties()).containsEntry("security.protocol", "PLAINTEXT");
            assertThat(log.topic()).isEqualTo("tokens-client-properties");
            assertThat(log.requireReplicated()).isFalse();
            assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("not-a-secret");
            assertThat(service.issue("grafana-prod").get("id").asText()).isNotBlank();
        }
    }

    @Test
    void withoutATopicSettingTheServiceUsesTheTopicEveryServiceUses() {
        String topic = KAFKA.createTokenTopic();
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.remove("liberator.kafka.topic");

        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            assertThat(service.bean(KafkaSettings.class).topic()).isEqualTo(LogTopic.DEFAULT_NAME).isEqualTo(topic);
            assertThat(service.issue("grafana-prod").get("id").asText()).isNotBlank();
        }
    }

    @Test
    void aWriteFirstCatchesUpWithWhatWasCommittedMeanwhileAndLinksAfterIt() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-catch-up");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            String id = service.issue("grafana-prod").get("id").asText();
            // what a previous instance's write looks like when its commit was never confirmed to it:
            // signed with the service's key and linked to the head, but unknown to this index
            EventEnvelope revocation = new AuditChain(serviceSigner()).seal(head(topic, 1),
                    new TokenRevoked(id, "admin", Instant.now(), "committed elsewhere"), UUID.randomUUID().toString());
            append(topic, revocation);

            assertThat(service.issue("grafana-prod").get("id").asText()).isNotBlank();

            assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("revoked");
            JsonNode audit = json(service.get("/api/v1/audit/verify", ADMIN));
            assertThat(audit.get("intact").asBoolean()).as("the new record links after the one read back: %s", audit).isTrue();
            assertThat(audit.get("verifiedRecords").asLong()).isEqualTo(3);
        }
    }

    @Test
    void onAHaltedLogEveryWriteCommandAnswers503NamingTheOffset() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halted-writes");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String active;
        String revoked;
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            active = service.issue("grafana-prod").get("id").asText();
            revoked = service.issue("grafana-prod").get("id").asText();
            service.delete("/api/v1/tokens/" + revoked, ADMIN);
        }
        ChainHead head = head(topic, 3);
        // signed with the service's key, but one seq is skipped: it cannot link, so the log halts
        long offset = append(topic, new AuditChain(serviceSigner()).seal(new ChainHead(head.seq() + 1, head.hash()),
                new TokenRevoked(active, "admin", Instant.now(), ""), UUID.randomUUID().toString()));

        try (TokenServiceInstance halted = TokenServiceInstance.start(settings)) {
            for (HttpResponse<String> refused : List.of(
                    halted.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", ADMIN),
                    halted.delete("/api/v1/tokens/" + active, ADMIN),
                    halted.delete("/api/v1/tokens/" + revoked, ADMIN),
                    halted.delete("/api/v1/tokens/" + UUID.randomUUID(), ADMIN))) {
                assertThat(refused.statusCode()).as("%s", refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(json(refused).get("detail").asText()).contains("offset " + offset);
            }
            JsonNode health = json(halted.management("/health")).at("/details/tokenLog/details");
            assertThat(health.get("halted").asBoolean()).isTrue();
            assertThat(health.get("haltOffset").asLong()).isEqualTo(offset);
            assertThat(health.get("halt").asText()).contains("offset " + offset);
            // reads serve what was accepted before the halt: the skipped-over revocation is not applied
            assertThat(json(halted.get("/api/v1/tokens/" + active, ADMIN)).get("status").asText()).isEqualTo("active");
        }
    }

    private EventSigner serviceSigner() {
        return new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing.pem"))));
    }

    /**
     * The head of the committed log once it reached {@code seq}: a transaction's commit marker
     * lands shortly after the writer's commit returns, and only then is it committed to a reader.
     */
    private static ChainHead head(String topic, long seq) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> head(topic), head -> head.seq() == seq);
    }

    /** The head of the committed log, read with token-log as the service reads it. */
    private static ChainHead head(String topic) {
        ChainHead head = ChainHead.GENESIS;
        try (CommittedRecords records = CommittedRecords.open(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), 0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (LogRecord record : batch) {
                    Optional<EventEnvelope> envelope = record.decode().wellFormedEnvelope();
                    if (envelope.isPresent()) {
                        head = envelope.get().head();
                    }
                }
            }
        }
        return head;
    }

    /** Appends without a transaction, as any producer with write access could; returns its offset. */
    private static long append(String topic, EventEnvelope envelope) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, envelope.tokenId(), EventCodec.encode(envelope))).get().offset();
        }
    }

    private static void appendForeignRecord(String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "forged", value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
