package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Parts of the stack fail while a user works; what the user sees stays correct. */
@ExtendWith(SharedStack.class)
class FaultToleranceTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private LocalStack stack;
    private StackClient client;

    @BeforeEach
    void connect() {
        stack = SharedStack.stack();
        client = SharedStack.client();
    }

    @Test
    void aKilledReplicaCostsNoFailedQueryAndARestartedOneServesAgain() throws InterruptedException {
        StackClient.Issued issued = client.issue("grafana-chaos");
        await().atMost(PROPAGATION).until(() -> client.query(issued.token(), "up").statusCode() == 200);
        AtomicInteger served = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> load = List.of(loadThread(issued.token(), served, failed), loadThread(issued.token(), served, failed));
        load.forEach(Thread::start);
        try {
            awaitMoreServed(served, 30);
            stack.killGateway(0);
            awaitMoreServed(served, 50);
            stack.restartGateway(0);
            awaitMoreServed(served, 50);
        } finally {
            for (Thread thread : load) {
                thread.interrupt();
                thread.join();
            }
        }
        assertThat(failed.get()).as("failed queries while a replica died and came back").isZero();
        await().atMost(PROPAGATION).untilAsserted(() -> {
            client.query(issued.token(), "up");
            assertThat(client.servedOk(0)).as("the restarted replica serves").isPositive();
        });
    }

    @Test
    void whileKafkaIsDownIssuingFailsCleanlyAndReplicasFailClosedThenBothRecoverByThemselves() {
        StackClient.Issued known = client.issue("grafana-outage");
        await().atMost(PROPAGATION).until(() -> client.query(known.token(), "up").statusCode() == 200);

        stack.kafka().stop();
        try {
            var refused = client.issueRaw("grafana-during-outage");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain("cqm_");
            // no replica can prove it knows every revocation any more: past max-staleness (5 s) it refuses
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                var stale = client.query(known.token(), "up");
                assertThat(stale.statusCode()).isEqualTo(503);
                assertThat(stale.body()).contains("\"errorType\":\"unavailable\"", "max-staleness");
            });
        } finally {
            stack.kafka().start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> client.query(known.token(), "up").statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.issueRaw("grafana-after-outage").statusCode() == 201);
        assertThat(client.list().body()).doesNotContain("grafana-during-outage");
    }

    @Test
    void aTokenServiceKilledBetweenIssuesComesBackListingExactlyWhatTheLogHolds() {
        client.issue("before-crash");
        stack.killTokenService();
        stack.restartTokenService();
        client.issue("after-crash");

        Set<String> listed = new HashSet<>();
        Matcher m = ID.matcher(client.list().body());
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).isEqualTo(issuedInLog());
    }

    private Set<String> issuedInLog() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TokenTopic.DEFAULT_NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    DecodedRecord decoded = EventCodec.decode(record.offset(), record.value());
                    if (decoded instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenIssued issued) {
                        ids.add(issued.tokenId());
                    }
                }
            }
        }
        return ids;
    }

    private Thread loadThread(String token, AtomicInteger served, AtomicInteger failed) {
        return new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    int code = client.postQuery(token, "sum(up)").statusCode();
                    (code == 200 ? served : failed).incrementAndGet();
                } catch (RuntimeException e) {
                    if (!Thread.currentThread().isInterrupted()) {
                        failed.incrementAndGet();
                    }
                }
            }
        });
    }

    private static void awaitMoreServed(AtomicInteger served, int more) {
        int target = served.get() + more;
        await().atMost(Duration.ofSeconds(90)).until(() -> served.get() >= target);
    }
}
