package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tailing reader against a real broker: what makes it current, and what makes it stop trusting itself. */
class TokenLogTailTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);

    private final String topic = "tokens-" + UUID.randomUUID();
    private final TestLog log = new TestLog();
    private final List<TokenEvent> applied = new CopyOnWriteArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private TokenLogTail tail;

    private TokenLogTail startTail() {
        TokenTopic.local(topic).createIn(KAFKA.broker());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = new TokenLogTail(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), log.trustedKeys(),
                records -> records.forEach(r -> {
                    if (r instanceof DecodedRecord.KnownEvent known) {
                        applied.add(known.event());
                    }
                }), "tail-under-test");
        tail.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> tail.status().isReady());
        return tail;
    }

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private long send(byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, value)).get().offset();
    }

    private boolean current() {
        return tail.status().whyNotCurrent(MAX_STALENESS).isEmpty();
    }

    @Test
    void aForeignOpenTransactionMakesTheTailStaleInsteadOfHidingARevocation() throws Exception {
        startTail();
        send(log.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 1 && current());

        try (KafkaProducer<byte[], byte[]> rogue = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rogue-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            rogue.initTransactions();
            rogue.beginTransaction();
            rogue.send(new ProducerRecord<>(topic, "held open".getBytes())).get();
            send(log.appendEncoded(TestLog.revoked("t1")));

            await().atMost(MAX_STALENESS.plusSeconds(3)).until(() -> !current());
            assertThat(tail.status().whyNotCurrent(MAX_STALENESS))
                    .hasValueSatisfying(why -> assertThat(why.reason()).isEqualTo("stale"));
            assertThat(applied).hasSize(1); // the revocation sits behind the open transaction

            rogue.abortTransaction();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 2 && current());
    }

    @Test
    void aWaiterIsReleasedOnlyOnceARecordAcknowledgedBeforeItWasAskedIsApplied() throws Exception {
        startTail();
        for (int i = 0; i < 10; i++) {
            send(log.appendEncoded(TestLog.issued("t" + i, TestLog.newToken())));
            int expected = i + 1;
            assertThat(tail.awaitLogAsOfNow().get(2, TimeUnit.SECONDS)).isTrue();
            assertThat(applied).hasSize(expected);
        }
    }

    @Test
    void aFloodOfWaitersSharesLookUpsInsteadOfMultiplyingThem() throws Exception {
        startTail();
        send(log.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        long before = tail.status().endLookups();

        List<java.util.concurrent.CompletableFuture<Boolean>> waiters = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            waiters.add(tail.awaitLogAsOfNow());
        }
        for (var waiter : waiters) {
            assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
        }

        // 500 waiters, a handful of look-ups: the ones they shared and the reader's own every 250 ms
        assertThat(tail.status().endLookups() - before).isBetween(1L, 25L);
        assertThat(applied).hasSize(1);
    }

    @Test
    void aTopicDeletedAndCreatedAgainHaltsTheTail() throws Exception {
        startTail();
        send(log.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        send(log.appendEncoded(TestLog.issued("t2", TestLog.newToken())));
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 2);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> { TokenTopic.local(topic).createIn(admin); return admin.listTopics().names().get().contains(topic); });
        }
        TestLog again = new TestLog(log.keys());
        send(again.appendEncoded(TestLog.issued("t3", TestLog.newToken())));

        await().atMost(Duration.ofSeconds(20)).until(() -> tail.status().halt().isPresent());
        assertThat(tail.status().isReady()).isFalse();
        assertThat(tail.status().halt().orElseThrow().kind())
                .isIn(ChainHalt.Kind.LOG_REWOUND, ChainHalt.Kind.TOPIC_REPLACED);
        assertThat(applied).hasSize(2);
    }

    @Test
    void aReaderThreadKilledByAnErrorLeavesTheTailNotReady() throws Exception {
        startTail();
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tail-under-test")).findFirst().orElseThrow();
        stopWithError(reader);

        // the thread rethrows the Error after failing closed, as a dying thread should
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(2)).until(() -> !tail.status().isReady());
        assertThat(tail.status().whyNotCurrent(MAX_STALENESS))
                .hasValueSatisfying(why -> assertThat(why.reason()).isEqualTo("reader_stopped"));
        assertThat(tail.awaitLogAsOfNow().get(1, TimeUnit.SECONDS)).isFalse();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopWithError(Thread thread) {
        // a real asynchronous Error (ThreadDeath) wherever the thread happens to be
        thread.stop();
    }
}
