package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

        assertThat(listedIds()).isEqualTo(issuedInLog());
    }

    /**
     * A real race: four clients issue as fast as they can while the token-service is killed
     * (destroyForcibly), so some issues die between their commit and their answer. After the
     * restart every token that was answered 201 is listed and in the log, the list is exactly
     * what the log holds (each token is wholly there or not at all), the chain verifies, and
     * the next issue links onto it.
     */
    @Test
    void aTokenServiceKilledWhileIssuingKeepsEveryAcknowledgedTokenAndTheChainLinks() throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger failedBeforeKill = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean();
        List<Thread> issuers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            issuers.add(new Thread(() -> {
                while (!killing.get()) {
                    try {
                        var response = client.issueRaw("crash-" + sequence.incrementAndGet());
                        Matcher id = ID.matcher(response.body());
                        if (response.statusCode() == 201 && id.find()) {
                            acknowledged.add(id.group(1));
                        } else if (response.statusCode() == 500) {
                            serverErrors.incrementAndGet();
                        } else if (!killing.get()) {
                            failedBeforeKill.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // the connection died with the process: no answer, so no claim either way
                        if (!killing.get()) {
                            failedBeforeKill.incrementAndGet();
                        }
                    }
                }
            }));
        }
        issuers.forEach(Thread::start);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 30);
            killing.set(true); // before the kill: every failure seen after this may be the kill's
            stack.killTokenService();
        } finally {
            for (Thread issuer : issuers) {
                issuer.join(Duration.ofSeconds(60).toMillis());
            }
        }
        assertThat(failedBeforeKill.get()).as("issues that failed before the kill").isZero();
        stack.restartTokenService();

        Set<String> listed = listedIds();
        Set<String> inLog = issuedInLog();
        assertThat(acknowledged).as("tokens answered 201 before the kill").hasSizeGreaterThanOrEqualTo(30);
        assertThat(serverErrors.get()).as("issues answered 500").isZero();
        assertThat(listed).as("listed after the restart").containsAll(acknowledged);
        assertThat(listed).as("listed after the restart, against the log").isEqualTo(inLog);
        assertThat(chainBreak()).as("the log after the kill").isEmpty();
        String next = client.issue("after-crash-race").id();
        assertThat(issuedInLog()).contains(next);
        assertThat(chainBreak()).as("the log after the next issue").isEmpty();
    }

    private Set<String> listedIds() {
        Set<String> listed = new HashSet<>();
        Matcher m = ID.matcher(client.list().body());
        while (m.find()) {
            listed.add(m.group(1));
        }
        return listed;
    }

    /** The first record of the whole topic that does not verify with shared-events' ChainVerifier, if any. */
    private Optional<ChainBreak> chainBreak() {
        TrustedKeys trusted = TrustedKeys.of(Ed25519Keys.readPublicKey(new StackLayout(stack.dataDirectory()).signingPublicKey()));
        ChainVerifier verifier = new ChainVerifier(trusted);
        Optional<ChainBreak> broken = Optional.empty();
        for (ConsumerRecord<byte[], byte[]> record : committedRecords()) {
            broken = verifier.accept(EventCodec.decode(record.offset(), record.value()));
            if (broken.isPresent()) {
                return broken;
            }
        }
        return broken;
    }

    private Set<String> issuedInLog() {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : committedRecords()) {
            DecodedRecord decoded = EventCodec.decode(record.offset(), record.value());
            if (decoded instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenIssued issued) {
                ids.add(issued.tokenId());
            }
        }
        return ids;
    }

    private List<ConsumerRecord<byte[], byte[]>> committedRecords() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TokenTopic.DEFAULT_NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                }
            }
        }
        return records;
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
