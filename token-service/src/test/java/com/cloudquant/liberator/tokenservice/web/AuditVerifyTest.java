package com.cloudquant.liberator.tokenservice.web;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/audit/verify} costs the reader, not the server: an answer is cached per
 * log end, a new check reads only what was committed since, and one caller may ask only so often.
 * In order: the rate limit's budget ({@value #BURST} checks) is shared by the tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditVerifyTest {

    private static final int BURST = 8;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static String topic;
    static TokenServiceInstance service;

    @BeforeAll
    static void start() {
        topic = KAFKA.createTokenTopic("tokens-audit-verify");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.put("liberator.audit.verify-burst", BURST);
        settings.put("liberator.audit.verify-interval", "1h");
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aSecondCheckWithNothingNewIsServedFromCacheAndALaterOneReadsOnlyTheNewRecord() {
        service.issue("cached-one");
        service.issue("cached-two");
        head(2);

        JsonNode first = verify();
        JsonNode again = verify();

        assertThat(first.get("intact").asBoolean()).isTrue();
        assertThat(first.get("verifiedRecords").asLong()).isEqualTo(2);
        assertThat(first.get("signatures").asText()).isEqualTo("one per run");
        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(first.get("recordsRead").asLong()).isEqualTo(2);
        assertThat(again.get("cached").asBoolean()).as("nothing was committed since: %s", again).isTrue();
        assertThat(again.get("recordsRead").asLong()).isZero();
        assertThat(again.get("checkedAt").asText()).isEqualTo(first.get("checkedAt").asText());
        assertThat(again.get("headHash").asText()).isEqualTo(first.get("headHash").asText());

        service.issue("cached-three");
        head(3);
        JsonNode grown = verify();

        assertThat(grown.get("cached").asBoolean()).isFalse();
        assertThat(grown.get("recordsRead").asLong()).as("only the record after the last check: %s", grown).isEqualTo(1);
        assertThat(grown.get("verifiedRecords").asLong()).isEqualTo(3);
        assertThat(grown.get("headSeq").asLong()).isEqualTo(3);
        assertThat(Instant.parse(grown.get("checkedAt").asText())).isAfter(Instant.parse(first.get("checkedAt").asText()));
    }

    /**
     * A record with a forged signature between a real record and another forged one: the run's
     * last signature fails, so every record of the run is judged on its own and the forged one
     * is reported at its offset.
     */
    @Test
    @Order(2)
    void aForgedRecordInTheMiddleOfARunIsReportedWithItsOffset() throws Exception {
        String id = service.issue("forged-over").get("id").asText();
        ChainHead real = head(4);
        String serviceKeyId = lastEnvelope().keyId();
        EventEnvelope forged = forge(real, id, serviceKeyId);
        long forgedOffset = append(forged);
        append(forge(forged.head(), id, serviceKeyId));

        JsonNode broken = verify();

        assertThat(broken.get("intact").asBoolean()).as("%s", broken).isFalse();
        assertThat(broken.at("/firstBreak/offset").asLong()).isEqualTo(forgedOffset);
        assertThat(broken.at("/firstBreak/reason").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(broken.get("verifiedRecords").asLong()).isEqualTo(4);
        assertThat(broken.get("headSeq").asLong()).isEqualTo(4);
        assertThat(broken.get("recordsRead").asLong()).as("the real record and the two forged ones").isEqualTo(3);
        JsonNode again = verify();
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.at("/firstBreak/offset").asLong()).isEqualTo(forgedOffset);
    }

    @Test
    @Order(3)
    void checkingFasterThanTheLimitAnswers429WithRetryAfterNamingTheLimit() {
        HttpResponse<String> response = null;
        int served = 0;
        for (int i = 0; i < BURST + 1; i++) {
            response = service.get("/api/v1/audit/verify", ADMIN);
            if (response.statusCode() != 200) {
                break;
            }
            served++;
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(served).as("the tests before made %d checks", BURST - 3).isEqualTo(3);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(json(response).get("detail").asText()).contains("liberator.audit.verify-burst").contains("at most " + BURST);
        // the limit is on the check alone
        assertThat(service.get("/api/v1/tokens", ADMIN).statusCode()).isEqualTo(200);
    }

    private static JsonNode verify() {
        HttpResponse<String> response = service.get("/api/v1/audit/verify", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Signed by a key nobody trusts, under the service's key id: the signature does not verify. */
    private static EventEnvelope forge(ChainHead after, String tokenId, String claimedKeyId) {
        EventEnvelope e = new AuditChain(new EventSigner(Ed25519Keys.generate())).seal(after,
                new TokenRevoked(tokenId, "mallory", Instant.now(), "forged"), UUID.randomUUID().toString());
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(), e.actor(),
                e.data(), e.prevHash(), e.hash(), claimedKeyId, e.signature());
    }

    /** Appends without a transaction, as any producer with write access could; returns its offset. */
    private static long append(EventEnvelope envelope) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, envelope.tokenId(), EventCodec.encode(envelope))).get().offset();
        }
    }

    /** The committed log's head once it reached {@code seq} (a commit marker lands shortly after the commit returns). */
    private static ChainHead head(long seq) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Optional.ofNullable(lastEnvelope())
                .map(EventEnvelope::head).orElse(ChainHead.GENESIS), head -> head.seq() == seq);
    }

    private static EventEnvelope lastEnvelope() {
        EventEnvelope last = null;
        try (CommittedRecords records = CommittedRecords.open(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), 0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (LogRecord record : batch) {
                    Optional<EventEnvelope> envelope = record.decode().wellFormedEnvelope();
                    if (envelope.isPresent()) {
                        last = envelope.get();
                    }
                }
            }
        }
        return last;
    }
}
