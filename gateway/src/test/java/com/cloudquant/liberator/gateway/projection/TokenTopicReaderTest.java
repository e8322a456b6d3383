package com.cloudquant.liberator.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.config.KafkaProperties;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenTopicReaderTest {

    private static final String TOPIC = "liberator.metrics-tokens.v1";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final SignedLog log = new SignedLog();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final ValidTokenRegistry registry = new ValidTokenRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProjectionStatus status = new ProjectionStatus(Clock.systemUTC());
    private TokenTopicReader reader;
    private long nextOffset;

    @BeforeEach
    void setUp() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        TokenProjector projector = new TokenProjector(log.trustedKeys(), registry, meters);
        reader = new TokenTopicReader(() -> consumer, new KafkaProperties("unused:9092", TOPIC), projector, status,
                Clock.systemUTC());
        consumer.assign(java.util.List.of(PARTITION));
        consumer.seekToBeginning(java.util.List.of(PARTITION));
    }

    private void produce(byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, nextOffset++, "k".getBytes(), value));
        consumer.updateEndOffsets(Map.of(PARTITION, nextOffset));
    }

    @Test
    void issuedTokenBecomesValidAndRevokedTokenDisappears() {
        BearerToken token = SignedLog.newToken();
        produce(log.issue("t1", token));
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).map(ActiveToken::consumer).contains("grafana-prod");

        produce(log.revoke("t1"));
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).isEmpty();
        assertThat(registry.wasRevoked(token.sha256Hex())).isTrue();
    }

    @Test
    void revocationIsFinalEvenIfTheSameIdIsIssuedAgain() {
        BearerToken token = SignedLog.newToken();
        produce(log.issue("t1", token));
        produce(log.revoke("t1"));
        produce(log.issue("t1", token));
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).isEmpty();
    }

    @Test
    void forgedRecordSignedWithAnotherKeyIsNotAppliedAndIsCounted() {
        BearerToken forged = SignedLog.newToken();
        SignedLog attacker = new SignedLog();
        produce(attacker.issue("evil", forged));
        BearerToken genuine = SignedLog.newToken();
        produce(log.issue("t1", genuine));
        reader.pollOnce(consumer);

        assertThat(registry.find(forged.sha256Hex())).isEmpty();
        assertThat(registry.find(genuine.sha256Hex())).isPresent();
        assertThat(meters.get("liberator.gateway.projection.chain.errors").counter().count()).isEqualTo(1.0);
    }

    @Test
    void replayedRecordIsNotAppliedTwice() {
        BearerToken token = SignedLog.newToken();
        byte[] issued = log.issue("t1", token);
        produce(issued);
        produce(log.revoke("t1"));
        produce(issued);
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).isEmpty();
        assertThat(meters.get("liberator.gateway.projection.chain.errors").counter().count()).isEqualTo(1.0);
    }

    @Test
    void garbageRecordIsCountedAndSkipped() {
        produce("not json".getBytes());
        BearerToken token = SignedLog.newToken();
        produce(log.issue("t1", token));
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).isPresent();
        assertThat(meters.get("liberator.gateway.projection.chain.errors").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRecordWithoutACanonicalFormIsSkippedAndTheReaderGoesOn() {
        // anyone who can write to the topic could once stop every replica's reader with a float
        produce(("{\"actor\":\"x\",\"data\":{\"n\":1.5},\"eventId\":\"e\",\"hash\":\"h\",\"keyId\":\"k\","
                + "\"occurredAt\":\"2026-01-01T00:00:00.000Z\",\"prevHash\":\"" + "0".repeat(64) + "\","
                + "\"schemaVersion\":1,\"seq\":1,\"signature\":\"s\",\"tokenId\":\"t\",\"type\":\"Whatever\"}")
                .getBytes());
        BearerToken token = SignedLog.newToken();
        produce(log.issue("t1", token));

        reader.pollOnce(consumer);

        assertThat(registry.find(token.sha256Hex())).isPresent();
        assertThat(meters.get("liberator.gateway.projection.chain.errors").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aReaderThatDiesOnAnUnexpectedErrorLeavesTheReplicaNotReady() throws InterruptedException {
        produce(log.issue("t1", SignedLog.newToken()));
        reader.pollOnce(consumer);
        assertThat(status.isReady()).isTrue();
        consumer.schedulePollTask(() -> {
            throw new IllegalStateException("a bug in the reader");
        });

        reader.start();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !status.isReady());
        reader.stop();
    }

    @Test
    void readyOnlyOnceTheLogAsItStoodAtStartIsRead() {
        for (int i = 0; i < 3; i++) {
            produce(log.issue("t" + i, SignedLog.newToken()));
        }
        assertThat(status.isReady()).isFalse();
        reader.pollOnce(consumer);
        assertThat(status.isReady()).isTrue();
        assertThat(status.lag()).isZero();
        assertThat(registry.size()).isEqualTo(3);
    }

    @Test
    void expiredTokenIsStillInTheRegistryButReportsExpired() {
        BearerToken token = SignedLog.newToken();
        Instant past = Instant.now().minusSeconds(60);
        produce(log.append(new TokenIssued("t1", "grafana-prod", token.sha256Hex(), token.hint(), past, "alice",
                past.minusSeconds(60))));
        reader.pollOnce(consumer);
        assertThat(registry.find(token.sha256Hex())).get()
                .satisfies(t -> assertThat(t.isExpiredAt(Instant.now())).isTrue());
    }
}
