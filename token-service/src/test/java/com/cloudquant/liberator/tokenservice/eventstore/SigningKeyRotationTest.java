package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/signing-key/rotate} on a real token-service and a real broker: the
 * service keeps serving, a restart replays the whole log (it learns the new key from the
 * chain) and signs with the new key, and a record the retired key signs after the rotation
 * grants nothing.
 */
class SigningKeyRotationTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void afterARotationTheServiceKeepsServingAndARestartReplaysTheWholeLogAndSignsWithTheNewKey() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-rotate-restart");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String genesisKeyId;
        String newKeyId;
        JsonNode listBefore;
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("grafana-prod");
            String revoked = service.issue("grafana-prod").get("id").asText();
            service.delete("/api/v1/tokens/" + revoked, ADMIN);

            HttpResponse<String> rotated = service.post("/api/v1/signing-key/rotate", "{\"reason\":\"yearly rotation\"}", ADMIN);

            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            JsonNode answer = json(rotated);
            newKeyId = answer.get("keyId").asText();
            genesisKeyId = answer.get("retiredKeyId").asText();
            assertThat(answer.get("seq").asLong()).isEqualTo(4);
            assertThat(newKeyId).isNotEqualTo(genesisKeyId).hasSize(16);
            Path keyFile = keys.resolve("signing-key-" + newKeyId + ".pem");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            // no restart: the next event is signed by the new key
            String after = service.issue("grafana-prod").get("id").asText();
            assertThat(record(topic, after).keyId()).isEqualTo(newKeyId);
            assertThat(json(service.get("/api/v1/audit/verify", ADMIN)).get("intact").asBoolean()).isTrue();
            listBefore = json(service.get("/api/v1/tokens", ADMIN));
        }

        try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
            assertThat(json(restarted.get("/api/v1/tokens", ADMIN))).isEqualTo(listBefore).hasSize(3);
            JsonNode audit = json(restarted.get("/api/v1/audit/verify", ADMIN));
            assertThat(audit.get("intact").asBoolean()).as("%s", audit).isTrue();
            assertThat(audit.get("verifiedRecords").asLong()).isEqualTo(5);
            String issued = restarted.issue("grafana-prod").get("id").asText();
            assertThat(record(topic, issued).keyId()).isEqualTo(newKeyId);
            assertThat(restarted.management("/health").statusCode()).isEqualTo(200);
        }
        assertThat(records(topic)).extracting(EventEnvelope::keyId)
                .containsExactly(genesisKeyId, genesisKeyId, genesisKeyId, genesisKeyId, newKeyId, newKeyId);
    }

    @Test
    void aRecordTheRetiredKeySignsAfterTheRotationIsNotListedAndTheAuditReportsIt() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-retired-key");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("grafana-prod");
            assertThat(service.post("/api/v1/signing-key/rotate", "", ADMIN).statusCode()).isEqualTo(200);
            service.issue("grafana-prod");
            // whoever holds the retired (genesis) key and can write to the topic: a record that links perfectly
            String forgedId = UUID.randomUUID().toString();
            long forgedOffset = append(topic, new AuditChain(genesisSigner()).seal(head(topic, 3),
                    new TokenIssued(forgedId, "mallory", BearerToken.generate(new SecureRandom()).sha256Hex(), "cqm_dead…beef",
                            null, "admin", Instant.now()), UUID.randomUUID().toString()));

            // the running service reads it before its next write, never applies it, and (someone
            // else can write to the topic) refuses to chain past it until an operator audited it
            HttpResponse<String> refused = service.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", ADMIN);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("offset " + forgedOffset).contains("RETIRED_KEY");
            assertThat(service.get("/api/v1/tokens/" + forgedId, ADMIN).statusCode()).isEqualTo(404);
            assertRetiredKeyBreak(json(service.get("/api/v1/audit/verify", ADMIN)), forgedOffset);

            settings.put("liberator.kafka.skip-offsets", String.valueOf(forgedOffset));
            try (TokenServiceInstance restarted = restart(service, settings)) {
                assertThat(restarted.get("/api/v1/tokens/" + forgedId, ADMIN).statusCode()).isEqualTo(404);
                assertThat(json(restarted.get("/api/v1/tokens", ADMIN))).hasSize(2);
                assertRetiredKeyBreak(json(restarted.get("/api/v1/audit/verify", ADMIN)), forgedOffset);
                String next = restarted.issue("grafana-prod").get("id").asText();
                assertThat(json(restarted.get("/api/v1/tokens/" + next, ADMIN)).get("status").asText()).isEqualTo("active");
            }
        }
    }

    @Test
    void aRestartWithOnlyTheRetiredKeyFileRefusesWritesNamingTheKeyItNeedsAndTakesItWithoutARestart() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-missing-key");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String tokenId;
        String newKeyId;
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            tokenId = service.issue("grafana-prod").get("id").asText();
            newKeyId = json(service.post("/api/v1/signing-key/rotate", "{}", ADMIN)).get("keyId").asText();
        }
        Path keyFile = keys.resolve("signing-key-" + newKeyId + ".pem");
        Path aside = Files.move(keyFile, keys.resolveSibling(keys.getFileName() + "-aside.pem"));

        try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
            assertThat(json(restarted.get("/api/v1/tokens/" + tokenId, ADMIN)).get("status").asText()).isEqualTo("active");
            for (HttpResponse<String> refused : List.of(
                    restarted.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", ADMIN),
                    restarted.delete("/api/v1/tokens/" + tokenId, ADMIN),
                    restarted.post("/api/v1/signing-key/rotate", "", ADMIN))) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(json(refused).get("detail").asText())
                        .contains(newKeyId, "retired", keyFile.toString(), "nothing was recorded");
            }
            assertThat(records(topic)).hasSize(2);
            HttpResponse<String> health = restarted.management("/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(json(health).at("/details/tokenLog/details/signingKey").asText()).contains(newKeyId);

            Files.move(aside, keyFile);
            assertThat(restarted.management("/health").statusCode()).as("health once the key file is back").isEqualTo(200);
            String issued = restarted.issue("grafana-prod").get("id").asText();
            assertThat(record(topic, issued).keyId()).isEqualTo(newKeyId);
            assertThat(json(restarted.get("/api/v1/audit/verify", ADMIN)).get("intact").asBoolean()).isTrue();
        }
    }

    @Test
    void aBadRotateBodyIsA400SayingWhatToSendAndOnlyASuperAdminMayRotate() {
        String topic = KAFKA.createTokenTopic("tokens-rotate-input");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            for (String body : List.of("not json", "[]", "{\"reason\":5}", "{\"why\":\"x\"}", "{\"reason\":\"two\\nlines\"}",
                    "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
                HttpResponse<String> refused = service.post("/api/v1/signing-key/rotate", body, ADMIN);
                assertThat(refused.statusCode()).as(body).isEqualTo(400);
                assertThat(json(refused).get("detail").asText()).contains("reason");
            }
            assertThat(service.post("/api/v1/signing-key/rotate", "{}", null).statusCode()).isEqualTo(401);
            assertThat(records(topic)).isEmpty();
        }
    }

    private static void assertRetiredKeyBreak(JsonNode audit, long offset) {
        assertThat(audit.get("intact").asBoolean()).as("%s", audit).isFalse();
        assertThat(audit.at("/firstBreak/offset").asLong()).isEqualTo(offset);
        assertThat(audit.at("/firstBreak/reason").asText()).isEqualTo("RETIRED_KEY");
    }

    private static TokenServiceInstance restart(TokenServiceInstance running, Map<String, Object> settings) {
        running.close();
        return TokenServiceInstance.start(settings);
    }

    private EventSigner genesisSigner() {
        return new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing.pem"))));
    }

    /** The committed log's well-formed records, read with token-log. */
    private static List<EventEnvelope> records(String topic) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        try (CommittedRecords records = CommittedRecords.open(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), 0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (LogRecord record : batch) {
                    record.decode().wellFormedEnvelope().ifPresent(envelopes::add);
                }
            }
        }
        return envelopes;
    }

    private static EventEnvelope record(String topic, String tokenId) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> records(topic).stream().filter(e -> e.tokenId().equals(tokenId)).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private static ChainHead head(String topic, long seq) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> records(topic).stream().reduce((a, b) -> b).map(EventEnvelope::head).orElse(ChainHead.GENESIS),
                head -> head.seq() == seq);
    }

    private static long append(String topic, EventEnvelope envelope) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, envelope.tokenId(), EventCodec.encode(envelope))).get().offset();
        }
    }
}
