package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service keeps no events in memory: Axon's aggregates (and any tracking reader) get a
 * token's events re-read from Kafka by the offsets in its table row, exactly as verified.
 */
class AggregateSourcingTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void aRevocationAfterARestartIsDecidedFromTheRecordsReReadFromKafka() {
        String topic = KAFKA.createTokenTopic("tokens-sourcing-restart");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String kept;
        String revoked;
        JsonNode firstRevocation;
        try (TokenServiceInstance first = TokenServiceInstance.start(settings)) {
            kept = first.issue("grafana-prod").get("id").asText();
            revoked = first.issue("grafana-prod").get("id").asText();
            firstRevocation = json(first.delete("/api/v1/tokens/" + revoked, ADMIN));
        }
        List<EventEnvelope> log = envelopes(topic, 3);

        try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
            KafkaEventStorageEngine engine = second.bean(KafkaEventStorageEngine.class);

            List<? extends DomainEventMessage<?>> events = engine.readEvents(revoked, 0).asStream().toList();
            assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
            assertThat(events).extracting(DomainEventMessage::getType).containsOnly(TokenIndex.AGGREGATE_TYPE);
            assertThat(events).extracting(DomainEventMessage::getAggregateIdentifier).containsOnly(revoked);
            assertThat(events.get(0).getPayload()).isInstanceOf(TokenIssued.class);
            assertThat(events.get(1).getPayload()).isInstanceOf(TokenRevoked.class);
            assertThat(events).extracting(DomainEventMessage::getIdentifier)
                    .containsExactly(log.get(1).eventId(), log.get(2).eventId());
            assertThat(events).extracting(DomainEventMessage::getTimestamp)
                    .containsExactly(log.get(1).occurredAt(), log.get(2).occurredAt());
            assertThat(engine.readEvents(revoked, 1).asStream()).hasSize(1);
            assertThat(engine.readEvents(kept, 0).asStream()).hasSize(1);
            assertThat(engine.readEvents(UUID.randomUUID().toString(), 0).hasNext()).isFalse();
            assertThat(engine.lastSequenceNumberFor(revoked)).hasValue(1L);
            assertThat(engine.lastSequenceNumberFor(kept)).hasValue(0L);
            assertThat(engine.lastSequenceNumberFor(UUID.randomUUID().toString())).isEmpty();

            // revoking again answers as the first revocation did, and writes nothing
            HttpResponse<String> again = second.delete("/api/v1/tokens/" + revoked, ADMIN);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again)).isEqualTo(firstRevocation);
            // the token issued before the restart is revoked now, by a record that follows the chain
            HttpResponse<String> now = second.delete("/api/v1/tokens/" + kept, ADMIN);
            assertThat(now.statusCode()).isEqualTo(200);
            assertThat(json(now).get("status").asText()).isEqualTo("revoked");
            assertThat(second.delete("/api/v1/tokens/" + UUID.randomUUID(), ADMIN).statusCode()).isEqualTo(404);
            JsonNode audit = json(second.get("/api/v1/audit/verify", ADMIN));
            assertThat(audit.get("intact").asBoolean()).isTrue();
            assertThat(audit.get("verifiedRecords").asLong()).isEqualTo(4);
            assertThat(engine.readEvents(kept, 0).asStream()).hasSize(2);
        }
    }

    @Test
    void aTrackingReadStreamsTheEffectiveEventsFromKafka() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-sourcing-tracking");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String a;
        String b;
        try (TokenServiceInstance first = TokenServiceInstance.start(settings)) {
            a = first.issue("grafana-prod").get("id").asText();
            b = first.issue("grafana-prod").get("id").asText();
            first.delete("/api/v1/tokens/" + b, ADMIN);
        }
        // signed and linked, but changing nothing: an issue of a revoked id, and a revocation of an id never issued
        AuditChain chain = new AuditChain(serviceSigner());
        EventEnvelope reissue = chain.seal(envelopes(topic, 3).get(2).head(),
                new TokenIssued(b, "grafana-prod", "c".repeat(64), "cqm_0000…0000", null, "admin", Instant.now()),
                UUID.randomUUID().toString());
        append(topic, reissue);
        String ghost = UUID.randomUUID().toString();
        append(topic, chain.seal(reissue.head(), new TokenRevoked(ghost, "admin", Instant.now(), ""),
                UUID.randomUUID().toString()));

        try (TokenServiceInstance second = TokenServiceInstance.start(settings)) {
            KafkaEventStorageEngine engine = second.bean(KafkaEventStorageEngine.class);

            assertThat(tracked(engine, null)).containsExactly("1 " + a + " 0", "2 " + b + " 0", "3 " + b + " 1");
            assertThat(tracked(engine, new GlobalSequenceTrackingToken(2))).containsExactly("3 " + b + " 1");
            assertThat(tracked(engine, new GlobalSequenceTrackingToken(5))).isEmpty();
            assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(5));
            assertThat(engine.createTokenAt(Instant.EPOCH)).isEqualTo(new GlobalSequenceTrackingToken(0));
            assertThat(engine.createTokenAt(Instant.now().plusSeconds(3600))).isEqualTo(new GlobalSequenceTrackingToken(5));
            assertThat(engine.readEvents(ghost, 0).hasNext()).isFalse();
            assertThat(second.delete("/api/v1/tokens/" + ghost, ADMIN).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anOffsetThatNoLongerHoldsTheVerifiedRecordHaltsWrites() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-sourcing-replaced");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            String id = service.issue("grafana-prod").get("id").asText();
            recreate(topic);
            // offset 0 of the new topic holds another token's first event
            append(topic, new AuditChain(new EventSigner(Ed25519Keys.generate())).seal(ChainHead.GENESIS,
                    new TokenIssued(UUID.randomUUID().toString(), "grafana-prod", "d".repeat(64), "cqm_0000…0000", null,
                            "mallory", Instant.now()), UUID.randomUUID().toString()));

            HttpResponse<String> refused = service.delete("/api/v1/tokens/" + id, ADMIN);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(json(refused).get("detail").asText()).contains("offset 0").contains(id);
            JsonNode health = json(service.management("/health")).at("/details/tokenLog/details");
            assertThat(health.get("halted").asBoolean()).isTrue();
            assertThat(health.get("haltOffset").asLong()).isZero();
            assertThat(json(service.get("/api/v1/tokens/" + id, ADMIN)).get("status").asText()).isEqualTo("active");
        }
    }

    private static List<String> tracked(KafkaEventStorageEngine engine, GlobalSequenceTrackingToken after) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(after, false)) {
            return events.map(event -> ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex() + " "
                    + ((DomainEventMessage<?>) event).getAggregateIdentifier() + " "
                    + ((DomainEventMessage<?>) event).getSequenceNumber()).toList();
        }
    }

    private EventSigner serviceSigner() {
        return new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing.pem"))));
    }

    /**
     * The envelopes of the committed log once it holds {@code count}: a transaction's commit
     * marker lands shortly after the writer's commit returns.
     */
    private static List<EventEnvelope> envelopes(String topic, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> envelopes(topic), list -> list.size() == count);
    }

    private static List<EventEnvelope> envelopes(String topic) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        try (CommittedRecords records = CommittedRecords.open(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), 0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (LogRecord record : batch) {
                    if (record.decode() instanceof DecodedRecord.KnownEvent known) {
                        envelopes.add(known.envelope());
                    }
                }
            }
        }
        return envelopes;
    }

    private static void append(String topic, EventEnvelope envelope) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, envelope.tokenId(), EventCodec.encode(envelope))).get();
        }
    }

    /** Deletes the topic and creates it again, empty, under the same name. */
    private static void recreate(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            KAFKA.createTokenTopic(topic);
            return true;
        });
    }
}
