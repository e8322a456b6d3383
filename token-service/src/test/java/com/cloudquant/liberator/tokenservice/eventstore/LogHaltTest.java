package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before a write the service proves its index is at the topic's high watermark; a record signed
 * with its own key that does not link to the chain halts its log (writes 503 naming the record,
 * health DOWN, reads still served); records nobody trusted are skipped; revocation is final.
 */
class LogHaltTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String NEW_TOKEN = "{\"consumer\":\"grafana-prod\"}";

    @TempDir
    Path keys;

    @Test
    void aForeignOpenTransactionMakesWritesAnswer503() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-open-transaction");
        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            service.issue("before-foreign-transaction");

            try (KafkaProducer<String, byte[]> foreign = transactionalProducer("someone-else-" + topic)) {
                foreign.initTransactions();
                foreign.beginTransaction();
                try {
                    foreign.send(new ProducerRecord<>(topic, "foreign", "{}".getBytes(StandardCharsets.UTF_8))).get();
                    foreign.flush();

                    HttpResponse<String> refused = service.post("/api/v1/tokens", NEW_TOKEN, ADMIN);

                    assertThat(refused.statusCode()).as("POST while another producer holds a transaction open: %s",
                            shown(refused)).isEqualTo(503);
                    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(json(refused).get("detail").asText()).containsIgnoringCase("transaction").contains("open");
                    assertThat(refused.body()).doesNotContain("cqm_");
                    HttpResponse<String> list = service.get("/api/v1/tokens", ADMIN);
                    assertThat(list.statusCode()).isEqualTo(200);
                    assertThat(json(list)).hasSize(1);
                } finally {
                    foreign.abortTransaction();
                }
            }

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                    service.post("/api/v1/tokens", NEW_TOKEN, ADMIN).statusCode() == 201);
        }
    }

    /**
     * Restarted while someone holds a transaction open: the start reads up to where it begins,
     * so a token committed after it is not in the index yet. Revoking it is refused with 503
     * (the service cannot prove it read the whole log), never 404 "no token".
     */
    @Test
    void aRevocationOfATokenBehindAForeignOpenTransactionAnswers503Not404AfterARestart() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-restart-open-transaction");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("before-foreign-transaction");
        }
        ChainHead head = lastHead(topic);
        String behind = uuid();
        try (KafkaProducer<String, byte[]> foreign = transactionalProducer("someone-else-" + topic)) {
            foreign.initTransactions();
            foreign.beginTransaction();
            try {
                foreign.send(new ProducerRecord<>(topic, "foreign", "{}".getBytes(StandardCharsets.UTF_8))).get();
                // a genuine, linking issue committed after the open transaction began
                append(topic, new AuditChain(serviceSigner()).seal(head, issued(behind), uuid()));

                try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
                    HttpResponse<String> revoke = restarted.delete("/api/v1/tokens/" + behind, ADMIN);

                    assertThat(revoke.statusCode()).as("revoke of a token behind an open transaction: %s", revoke.body())
                            .isEqualTo(503);
                    assertThat(json(revoke).get("detail").asText()).contains("transaction").contains("open");
                }
            } finally {
                foreign.abortTransaction();
            }
        }
    }

    @Test
    void aSignedRecordWithASeqGapWrittenByAnotherHaltsWrites() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-running-gap");
        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            service.issue("grafana-prod");
            ChainHead head = lastHead(topic);
            // the service's own key, so the record authenticates, but one seq is skipped
            EventEnvelope gap = new AuditChain(serviceSigner())
                    .seal(new ChainHead(head.seq() + 1, head.hash()), issued(UUID.randomUUID().toString()), uuid());
            assertThat(gap.seq()).isEqualTo(head.seq() + 2);
            long offset = append(topic, gap);

            HttpResponse<String> refused = service.post("/api/v1/tokens", NEW_TOKEN, ADMIN);

            assertThat(refused.statusCode()).as("POST after a signed record with a seq gap: %s", shown(refused))
                    .isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("detail").asText()).contains("offset " + offset);
            HttpResponse<String> health = service.management("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("DOWN");
            assertThat(service.get("/api/v1/tokens", ADMIN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aServiceStartedOnALogWithASeqGapStartsAndRefusesWrites() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-start-gap");
        EventSigner signer = new EventSigner(Ed25519Keys.generateInto(keys.resolve("signing.pem"),
                keys.resolve("signing.pub.pem")));
        AuditChain chain = new AuditChain(signer);
        String firstId = uuid();
        String afterGapId = uuid();
        EventEnvelope first = chain.seal(ChainHead.GENESIS, issued(firstId), uuid());
        EventEnvelope afterGap = chain.seal(new ChainHead(first.seq() + 1, first.hash()), issued(afterGapId), uuid());
        assertThat(afterGap.seq()).isEqualTo(3);
        append(topic, first);
        long offset = append(topic, afterGap);

        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            HttpResponse<String> refused = service.post("/api/v1/tokens", NEW_TOKEN, ADMIN);

            assertThat(refused.statusCode()).as("POST on a log halted at start: %s", shown(refused)).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("detail").asText()).contains("offset " + offset);
            HttpResponse<String> health = service.management("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("DOWN");
            HttpResponse<String> list = service.get("/api/v1/tokens", ADMIN);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json(list).findValuesAsText("id")).containsExactly(firstId);
        }
    }

    /**
     * Readers skip a record nobody trusted signed; the writer does not write past one nobody
     * audited (it means a second producer on the topic): 503 naming the offset and the setting,
     * health DOWN, reads served; once listed in skip-offsets, a restart writes on.
     */
    @Test
    void garbageRecordRefusesWritesUntilItsOffsetIsAuditedThenIssuingContinues() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-garbage");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        long garbage;
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("before-garbage");
            garbage = appendRaw(topic, new byte[] {0x00, (byte) 0xff, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n', (byte) 0xc3});

            HttpResponse<String> refused = service.post("/api/v1/tokens", "{\"consumer\":\"after-garbage\"}", ADMIN);

            assertThat(refused.statusCode()).as("POST after an unaudited garbage record: %s", shown(refused)).isEqualTo(503);
            assertThat(json(refused).get("detail").asText()).contains("offset " + garbage)
                    .contains("liberator.kafka.skip-offsets");
            HttpResponse<String> health = service.management("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).at("/details/tokenLog/details/unauditedOffsets/0").asLong()).isEqualTo(garbage);
            assertThat(json(service.get("/api/v1/tokens", ADMIN))).hasSize(1);
        }

        settings.put("liberator.kafka.skip-offsets", String.valueOf(garbage));
        try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
            assertThat(json(restarted.get("/api/v1/tokens", ADMIN))).hasSize(1);
            assertThat(restarted.issue("after-restart").get("id").asText()).isNotBlank();
            assertThat(restarted.management("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void skipOffsetsNamingAnAuthenticatedRecordOrOnePastTheEndStopTheStart() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-skip-wrong");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("grafana-prod");
        }

        settings.put("liberator.kafka.skip-offsets", "0,99");

        assertThatThrownBy(() -> TokenServiceInstance.start(settings).close()).rootCause()
                .hasMessageContaining("liberator.kafka.skip-offsets")
                .hasMessageContaining("offset 0 holds an authenticated record")
                .hasMessageContaining("offset 99 is not in the log");
    }

    @Test
    void aSignedRecordThatDoesNotLinkIsNeverSkippable() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-skip-signed");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            service.issue("grafana-prod");
        }
        ChainHead head = lastHead(topic);
        long gap = append(topic, new AuditChain(serviceSigner())
                .seal(new ChainHead(head.seq() + 1, head.hash()), issued(uuid()), uuid()));
        settings.put("liberator.kafka.skip-offsets", String.valueOf(gap));

        assertThatThrownBy(() -> TokenServiceInstance.start(settings).close()).rootCause()
                .hasMessageContaining("offset " + gap + " holds a record signed with a trusted key that does not link")
                .hasMessageContaining("never skipped");
    }

    @Test
    void aSecondIssueOfARevokedIdLeavesItRevoked() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-halt-reissue");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        String id;
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            id = service.issue("grafana-prod").get("id").asText();
            assertThat(service.delete("/api/v1/tokens/" + id, ADMIN).statusCode()).isEqualTo(200);
        }
        ChainHead head = lastHead(topic);
        EventEnvelope reissue = new AuditChain(serviceSigner()).seal(head, issued(id), uuid());
        append(topic, reissue);

        try (TokenServiceInstance restarted = TokenServiceInstance.start(settings)) {
            HttpResponse<String> one = restarted.get("/api/v1/tokens/" + id, ADMIN);

            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(json(one).get("status").asText()).as("a token revoked, then issued again under its id")
                    .isEqualTo("revoked");
            assertThat(json(restarted.get("/api/v1/tokens?status=active", ADMIN)).findValuesAsText("id"))
                    .doesNotContain(id);
        }
    }

    /** The body for an assertion message, with any issued token masked so none reaches the test log. */
    private static String shown(HttpResponse<String> response) {
        return response.body().replaceAll("cqm_[0-9a-f]{48}", "cqm_<masked>");
    }

    private EventSigner serviceSigner() {
        return new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing.pem"))));
    }

    private static TokenEvent issued(String tokenId) {
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        return new TokenIssued(tokenId, "grafana-prod", HexFormat.of().formatHex(hash), "cqm_0000…0000", null,
                "admin", Instant.now());
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** Appends without a transaction, as any producer with write access could; returns its offset. */
    private static long append(String topic, EventEnvelope envelope) throws Exception {
        return appendRaw(topic, envelope.tokenId(), EventCodec.encode(envelope));
    }

    private static long appendRaw(String topic, byte[] value) throws Exception {
        return appendRaw(topic, "foreign", value);
    }

    private static long appendRaw(String topic, String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
        }
    }

    private static KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("transactional.id", transactionalId);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The chain head of the committed log: the last well-formed record's position. */
    /**
     * The chain head of the committed log. A commit returns before the broker has written its
     * transaction marker, so the record may not be readable yet: wait until it is.
     */
    private static ChainHead lastHead(String topic) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> readHead(topic), head -> head.seq() > 0);
    }

    private static ChainHead readHead(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        TopicPartition partition = new TopicPartition(topic, 0);
        ChainHead head = ChainHead.GENESIS;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read topic " + topic + " to offset " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    DecodedRecord decoded = EventCodec.decode(record.offset(), record.value());
                    if (decoded.wellFormedEnvelope().isPresent()) {
                        head = decoded.wellFormedEnvelope().get().head();
                    }
                }
            }
        }
        return head;
    }
}
