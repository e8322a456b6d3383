package com.cloudquant.liberator.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.audit.source.KafkaRecordBatches;
import com.cloudquant.liberator.audit.testing.Forgery;
import com.cloudquant.liberator.audit.testing.RecordingConsumerInterceptor;
import com.cloudquant.liberator.audit.testing.TestLog;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tool against a real broker. Logs are written with a plain producer, forged records
 * included, exactly as someone with write access to the topic (but not the key) could.
 */
class KafkaAuditTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

    @TempDir
    Path dir;

    private TestLog log;
    private Path publicKey;

    @BeforeEach
    void sixEvents() throws Exception {
        log = new TestLog();
        for (int i = 0; i < 3; i++) {
            String token = log.issue("grafana-" + i, "alice", Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i), null);
            log.revoke(token, "bob", Instant.parse("2026-04-01T10:00:00Z").plusSeconds(i), "rotated");
        }
        publicKey = log.writePublicKey(dir);
    }

    @Test
    void cleanLogWrittenInTransactionsVerifies() {
        String topic = KAFKA.createTokenTopic("clean-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-writer-" + topic))) {
            producer.initTransactions();
            for (byte[] value : log.values()) {
                // One event per transaction, like the token-service: commit markers take offsets too.
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "key".getBytes(), value));
                producer.commitTransaction();
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key".getBytes(), Forgery.truncated(log.values().get(0))));
            producer.abortTransaction();
        }

        AuditRun run = verify(topic);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("INTACT").contains("verified    6 records");
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("altered data, old hash", forge(values -> set(values, 3,
                        Forgery.alteredKeepingHash(values.get(3), "reason", "nothing to see"))), 3, "HASH_MISMATCH"),
                Arguments.of("recomputed hash, no valid signature", forge(values -> set(values, 2,
                        Forgery.alteredWithRecomputedHash(values.get(2), "consumer", "attacker"))), 2, "BAD_SIGNATURE"),
                Arguments.of("deleted event", forge(values -> {
                    values.remove(1);
                    return values;
                }), 1, "SEQ_GAP"),
                Arguments.of("duplicated event", forge(values -> {
                    values.add(values.get(values.size() - 1));
                    return values;
                }), 6, "SEQ_REPEATED"),
                Arguments.of("truncated JSON", forge(values -> set(values, 4, Forgery.truncated(values.get(4)))),
                        4, "MALFORMED"),
                Arguments.of("reordered events", forge(values -> {
                    java.util.Collections.swap(values, 2, 3);
                    return values;
                }), 2, "SEQ_GAP"),
                Arguments.of("tail re-chained without the key", forge(values -> {
                    Forgery.rewrittenTailWithoutTheKey(values, 2, "consumer", "attacker");
                    return values;
                }), 2, "BAD_SIGNATURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedRecordIsReportedWithItsOffsetAndReason(String name, UnaryOperator<List<byte[]>> forgery,
            long offset, String reason) {
        String topic = write(forgery.apply(new ArrayList<>(log.values())));

        AuditRun run = verify(topic);
        AuditRun everySignature = verify(topic, "--every-signature");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("offset " + offset + ": " + reason);
        assertThat(everySignature.exitCode()).isEqualTo(1);
        assertThat(everySignature.err()).isEqualTo(run.err());
        assertThat(everySignature.out()).contains("signatures  every record (--every-signature)")
                .containsPattern("throughput  [0-9,]+ records/s, [0-9.]+ s wall, [0-9.]+ CPU-s, [0-9]+ threads");
        assertThat(run.out()).contains("signatures  one per run of records signed by the same key");
    }

    @Test
    void unknownEventTypeIsSkippedWithAWarningWhileTheChainIsStillChecked() {
        log.unknownType("TokenRenamed", "some-token", "dave", Instant.parse("2026-05-01T00:00:00Z"));
        log.issue("grafana-9", "alice", Instant.parse("2026-05-02T00:00:00Z"), null);
        String intact = write(log.values());
        List<byte[]> forged = new ArrayList<>(log.values());
        forged.set(6, Forgery.alteredKeepingHash(forged.get(6), "label", "forged"));
        String altered = write(forged);

        AuditRun good = verify(intact);
        AuditRun bad = verify(altered);

        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.err()).contains("warning: offset 6: skipping event type 'TokenRenamed'");
        assertThat(good.out()).contains("verified    8 records");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("offset 6: HASH_MISMATCH");
    }

    @Test
    void tokensAtFollowsIssueRevokeAndExpiry() throws Exception {
        TestLog timeline = new TestLog();
        String expiring = timeline.issue("grafana-prod", "alice", Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"));
        String revoked = timeline.issue("grafana-prod", "alice", Instant.parse("2026-04-01T10:00:00Z"), null);
        String lasting = timeline.issue("federated-prometheus-eu", "carol", Instant.parse("2026-04-10T08:00:00Z"), null);
        timeline.revoke(revoked, "bob", Instant.parse("2026-05-01T09:00:00Z"), "leaked");
        publicKey = timeline.writePublicKey(dir);
        String topic = write(timeline.values());

        assertThat(tokensAt(topic, "2026-02-01T00:00:00Z")).doesNotContain(expiring, revoked, lasting);
        assertThat(tokensAt(topic, "2026-04-20T00:00:00Z")).contains(expiring, revoked, lasting);
        assertThat(tokensAt(topic, "2026-05-01T09:00:00Z")).contains(expiring, lasting).doesNotContain(revoked);
        assertThat(tokensAt(topic, "2026-06-01T00:00:00Z")).contains(lasting).doesNotContain(expiring, revoked);
    }

    @Test
    void aRotationIsFollowedAndShownAndARecordTheRetiredKeySignsAfterItIsABreak() {
        var retired = log.rotate("carol", Instant.parse("2026-05-01T00:00:00Z"));
        String afterRotation = log.issue("grafana-0", "alice", Instant.parse("2026-05-02T00:00:00Z"), null);
        String rotatedTopic = write(log.values());
        // whoever holds the retired key and can write to the topic: a record that links perfectly
        String forged = UUID.randomUUID().toString();
        log.appendSignedBy(retired, new com.cloudquant.liberator.events.TokenIssued(forged, "grafana-0",
                "f".repeat(64), "cqm_ffff…ffff", null, "mallory", Instant.parse("2026-05-03T00:00:00Z")));
        String forgedTopic = write(log.values());

        AuditRun intact = verify(rotatedTopic);
        AuditRun broken = verify(forgedTopic);
        AuditRun history = AuditRun.of(environment(), "history", "--consumer", "grafana-0", "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--topic", forgedTopic, "--public-key", publicKey.toString());

        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("verified    8 records").contains("key rotated at seq 7: ");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("offset 8: RETIRED_KEY").contains("not at seq 9");
        assertThat(tokensAt(rotatedTopic, "2026-06-01T00:00:00Z")).contains(afterRotation);
        AuditRun tokens = AuditRun.of(environment(), "tokens", "--at", "2026-06-01T00:00:00Z", "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--topic", forgedTopic, "--public-key", publicKey.toString());
        assertThat(tokens.exitCode()).isEqualTo(1);
        assertThat(tokens.out()).contains(afterRotation).doesNotContain(forged);
        assertThat(tokens.err()).contains("offset 8: RETIRED_KEY");
        assertThat(history.out()).contains("SigningKeyRotated").contains("carol").contains(afterRotation)
                .doesNotContain(forged);
    }

    @Test
    void missingTopicExitsThreeNamingIt() {
        AuditRun run = verify("no-such-topic");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("topic no-such-topic does not exist");
    }

    @Test
    void unreachableBrokerExitsThreeWithinTheTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AuditRun run = AuditRun.of(environment(), "verify", "--bootstrap-servers", "127.0.0.1:" + closedPort,
                "--public-key", publicKey.toString(), "--timeout", "PT3S");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("127.0.0.1:" + closedPort).contains("--bootstrap-servers");
    }

    @Test
    void topicWithMoreThanOnePartitionIsNotTheTokenLog() throws Exception {
        String topic = "two-partitions-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }

        AuditRun run = verify(topic);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("topic " + topic + " has 2 partitions").contains("--topic");
    }

    @Test
    void logWhoseFirstRecordsWereDeletedDoesNotVerify() throws Exception {
        String topic = write(log.values());
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
        }

        AuditRun run = verify(topic);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("offset 2: SEQ_GAP");
    }

    @Test
    void clientConfigPropertiesReachTheConsumerThatReadsTheLog() throws Exception {
        String topic = write(log.values());
        Path clientConfig = Files.writeString(dir.resolve("client.properties"), """
                interceptor.classes=%s
                max.poll.records=2
                isolation.level=read_uncommitted
                """.formatted(RecordingConsumerInterceptor.class.getName()));
        RecordingConsumerInterceptor.reset();

        AuditRun run = verify(topic, "--client-config", clientConfig.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("verified    6 records");
        assertThat(RecordingConsumerInterceptor.configs()).singleElement().satisfies(config -> assertThat(config)
                .containsEntry("bootstrap.servers", KAFKA.bootstrapServers())
                .containsEntry("max.poll.records", "2")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id"));
        assertThat(RecordingConsumerInterceptor.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 2))
                .satisfies(sizes -> assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6));
    }

    @Test
    void invalidSecurityProtocolInTheClientConfigIsAClearErrorNotAStackTrace() throws Exception {
        String topic = write(log.values());
        Path clientConfig = Files.writeString(dir.resolve("client.properties"), "security.protocol=TLS_PLEASE\n");

        AuditRun run = verify(topic, "--client-config", clientConfig.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("security.protocol").contains("TLS_PLEASE").contains("--client-config")
                .doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    void invalidConsumerSettingInTheClientConfigIsAClearErrorNotAStackTrace() throws Exception {
        // the admin client ignores consumer settings: only the consumer that reads the log rejects this one
        String topic = write(log.values());
        Path clientConfig = Files.writeString(dir.resolve("client.properties"), "max.poll.records=lots\n");

        AuditRun run = verify(topic, "--client-config", clientConfig.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("max.poll.records").contains("lots").contains("--client-config")
                .doesNotContain("internal error").doesNotContain("\tat ");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }

    private String tokensAt(String topic, String instant) {
        AuditRun run = AuditRun.of(environment(), "tokens", "--at", instant, "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--topic", topic, "--public-key", publicKey.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private AuditRun verify(String topic, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--topic", topic, "--public-key", publicKey.toString(), "--timeout", "PT10S"));
        args.addAll(List.of(more));
        return AuditRun.of(environment(), args.toArray(String[]::new));
    }

    private static AuditEnvironment environment() {
        return new AuditEnvironment(KafkaRecordBatches::open, Clock.fixed(NOW, ZoneOffset.UTC), false);
    }

    private String write(List<byte[]> values) {
        String topic = KAFKA.createTokenTopic("audit-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, "forged".getBytes(), value));
            }
            producer.flush();
        }
        return topic;
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static UnaryOperator<List<byte[]>> forge(UnaryOperator<List<byte[]>> forgery) {
        return forgery;
    }

    private static List<byte[]> set(List<byte[]> values, int index, byte[] value) {
        values.set(index, value);
        return values;
    }
}
