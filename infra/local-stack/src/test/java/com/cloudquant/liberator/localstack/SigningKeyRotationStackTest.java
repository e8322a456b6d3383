package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TrustedKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotating the event-signing key on a running stack: one call to the token-service, gateways
 * learn the new key from the log without a restart, and the retired key grants nothing.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyRotationStackTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final Pattern KEY_ID = Pattern.compile("\"keyId\"\\s*:\\s*\"([0-9a-f]{16})\"");
    private static final Pattern RETIRED_KEY_ID = Pattern.compile("\"retiredKeyId\"\\s*:\\s*\"([0-9a-f]{16})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private StackClient client;

    @BeforeEach
    void connect() {
        stack = SharedStack.stack();
        client = SharedStack.client();
    }

    @Test
    @Order(1)
    void rotatingOnARunningStackFailsNoQueryOnEitherReplicaAndATokenIssuedAfterItWorksOnBoth() throws Exception {
        StackClient.Issued before = client.issue("grafana-key-rotation");
        awaitAcceptedByBothReplicas(before.token());
        String newKeyId;
        StackClient.Issued after;
        try (RequestLoop first = new RequestLoop("query-replica-0", Set.of(200),
                () -> Optional.of(client.queryReplica(0, before.token(), "sum(up)")));
             RequestLoop second = new RequestLoop("query-replica-1", Set.of(200),
                     () -> Optional.of(client.queryReplica(1, before.token(), "sum(up)")))) {
            List<RequestLoop> load = List.of(first, second);
            awaitMoreServed(load, 40);
            HttpResponse<String> rotated = rotate("{\"reason\":\"yearly rotation\"}");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            newKeyId = group(KEY_ID, rotated.body());
            after = client.issue("grafana-key-rotation");
            awaitAcceptedByBothReplicas(after.token());
            awaitMoreServed(load, 60);
            first.assertServed(200, 1);
            second.assertServed(200, 1);
            assertThat(RequestLoop.served(load, 200)).as("queries served while the key rotated").isGreaterThanOrEqualTo(100);
        }
        assertThat(recordOf(after.id()).keyId()).isEqualTo(newKeyId);
    }

    /**
     * Killed (destroyForcibly) at three points of a rotation: once its new key file exists (the
     * event is not sent yet), once the event is in the log but perhaps not committed (visible to
     * a read_uncommitted reader), once it is committed. Whichever side of the commit the kill
     * landed on, the restarted service signs with the key the verified log names.
     */
    @Test
    @Order(2)
    void aTokenServiceKilledDuringARotationComesBackSigningWithTheKeyTheLogNames() throws Exception {
        Path keyDir = stack.dataDirectory().resolve("keys");
        int rotated = 0;
        int notRotated = 0;
        for (String killWhen : List.of("key-file-written", "event-sent", "event-committed")) {
            Set<Path> keyFilesBefore = keyFiles(keyDir);
            long rotationsBefore = rotations();
            long endBefore = endOffset();
            var inFlight = http.sendAsync(rotateRequest("{\"reason\":\"killed mid-rotation\"}"), HttpResponse.BodyHandlers.ofString());
            if (killWhen.equals("key-file-written")) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                        .until(() -> !keyFiles(keyDir).equals(keyFilesBefore) || inFlight.isDone());
            } else {
                awaitRotationRecord(endBefore, killWhen.equals("event-sent") ? "read_uncommitted" : "read_committed");
            }
            stack.killTokenService();
            inFlight.handle((response, error) -> null).join();
            stack.restartTokenService();

            StackClient.Issued issued = client.issue("grafana-mid-rotation");
            EventEnvelope record = recordOf(issued.id());
            ChainVerifier verifier = verifyWholeLog();
            assertThat(verifier.keys().validKeyIdsAt(record.seq()))
                    .as("killed when %s: the key that signed seq %d must be the one the log names there", killWhen, record.seq())
                    .containsExactly(record.keyId());
            if (rotations() > rotationsBefore) {
                rotated++;
            } else {
                notRotated++;
            }
            awaitAcceptedByBothReplicas(issued.token());
        }
        // which side of the commit the first two kills land on varies; the report says which were seen
        System.out.printf("killed during rotation: rounds that rotated=%d, rounds that did not=%d%n", rotated, notRotated);
        assertThat(rotated).as("the kill after the commit keeps the rotation").isPositive();
    }

    /** Waits until a SigningKeyRotated at or after {@code from} is visible to a reader with {@code isolation}. */
    private void awaitRotationRecord(long from, String isolation) {
        Map<String, Object> config = KafkaUsers.auditor(stack, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LogTopic.DEFAULT_NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    if (EventCodec.decode(record.offset(), record.value()) instanceof DecodedRecord.KeyRotation) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no SigningKeyRotated appeared (" + isolation + ") within 30 s");
    }

    private long endOffset() {
        Map<String, Object> config = KafkaUsers.auditor(stack, Map.of());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LogTopic.DEFAULT_NAME, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    @Test
    @Order(3)
    void aTokenTheRetiredKeyMintsAfterARotationIsRefusedByBothReplicasAndNeverListed() throws Exception {
        HttpResponse<String> rotated = rotate("");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        EventSigner retired = signerOf(group(RETIRED_KEY_ID, rotated.body()));
        StackClient.Issued genuine = client.issue("grafana-after-key-rotation");
        awaitAcceptedByBothReplicas(genuine.token());

        // whoever holds the retired key and can write to the topic: a record that links perfectly after the head
        BearerToken minted = BearerToken.generate(new SecureRandom());
        String mintedId = UUID.randomUUID().toString();
        EventEnvelope forged = new AuditChain(retired).seal(recordOf(genuine.id()).head(), new TokenIssued(mintedId,
                "mallory", minted.sha256Hex(), minted.hint(), null, "admin", Instant.now()), UUID.randomUUID().toString());
        long forgedOffset = produce(forged);
        // the token-service will not chain past a record it cannot authenticate until an operator audited it ...
        HttpResponse<String> refused = client.issueRaw("grafana-after-key-rotation");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("offset " + forgedOffset).contains("RETIRED_KEY");
        // ... and lists it in liberator.kafka.skip-offsets (kept for every later start of this shared stack)
        stack.restartTokenServiceWith("liberator.kafka.skip-offsets", String.valueOf(forgedOffset));
        // a genuine token issued after the forged record: once both replicas accept it, both have judged the forged one
        StackClient.Issued later = client.issue("grafana-after-key-rotation");
        awaitAcceptedByBothReplicas(later.token());

        for (int replica = 0; replica < 2; replica++) {
            assertThat(client.queryReplica(replica, minted.reveal(), "up").statusCode()).as("replica %d", replica).isEqualTo(401);
        }
        assertThat(client.query(minted.reveal(), "up").statusCode()).isEqualTo(401);
        assertThat(client.list().body()).contains(later.id()).doesNotContain(mintedId);
        Optional<ChainBreak> audit = firstBreakAfter(recordOf(genuine.id()).seq());
        assertThat(audit).get().extracting(ChainBreak::reason).isEqualTo(ChainBreak.Reason.RETIRED_KEY);
    }

    private void awaitAcceptedByBothReplicas(String token) {
        await().atMost(PROPAGATION).until(() -> client.queryReplica(0, token, "up").statusCode() == 200
                && client.queryReplica(1, token, "up").statusCode() == 200);
    }

    private static void awaitMoreServed(List<RequestLoop> loops, int more) {
        long target = RequestLoop.served(loops, 200) + more;
        await().atMost(Duration.ofSeconds(90)).until(() -> RequestLoop.served(loops, 200) >= target);
    }

    private HttpResponse<String> rotate(String body) {
        return client.send(rotateRequest(body));
    }

    private HttpRequest rotateRequest(String body) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + stack.adminPassword()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(stack.publicUrl() + "/api/v1/signing-key/rotate"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The private key of {@code keyId}: the configured (genesis) pair, or the file a rotation wrote. */
    private EventSigner signerOf(String keyId) {
        Path keys = stack.dataDirectory().resolve("keys");
        KeyPair genesis = new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("event-signing-public.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("event-signing-private.pem")));
        if (Ed25519Keys.keyId(genesis.getPublic()).equals(keyId)) {
            return new EventSigner(genesis);
        }
        return new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing-key-" + keyId + ".pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing-key-" + keyId + ".pem"))));
    }

    private static Set<Path> keyFiles(Path keyDir) throws IOException {
        try (Stream<Path> files = Files.list(keyDir)) {
            return Set.copyOf(files.filter(f -> f.getFileName().toString().startsWith("signing-key-")).toList());
        }
    }

    private TrustedKeys genesisKeys() {
        return TrustedKeys.of(Ed25519Keys.readPublicKey(stack.dataDirectory().resolve("keys/event-signing-public.pem")));
    }

    /** Verifies the whole committed log from the genesis key, as an auditor does; asserts it intact. */
    private ChainVerifier verifyWholeLog() {
        ChainVerifier verifier = new ChainVerifier(genesisKeys());
        for (DecodedRecord record : log()) {
            Optional<ChainBreak> broken = verifier.accept(record);
            assertThat(broken).as("the log verifies").isEmpty();
        }
        return verifier;
    }

    private Optional<ChainBreak> firstBreakAfter(long seq) {
        ChainVerifier verifier = new ChainVerifier(genesisKeys());
        for (DecodedRecord record : log()) {
            Optional<ChainBreak> broken = verifier.accept(record);
            if (broken.isPresent() && verifier.head().seq() >= seq) {
                return broken;
            }
        }
        return Optional.empty();
    }

    private long rotations() {
        return log().stream().filter(DecodedRecord.KeyRotation.class::isInstance).count();
    }

    private EventEnvelope recordOf(String tokenId) {
        return await().atMost(PROPAGATION).until(() -> log().stream().map(DecodedRecord::wellFormedEnvelope)
                .flatMap(Optional::stream).filter(e -> e.tokenId().equals(tokenId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The committed log, decoded. */
    private List<DecodedRecord> log() {
        Map<String, Object> config = KafkaUsers.auditor(stack, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<DecodedRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LogTopic.DEFAULT_NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(EventCodec.decode(record.offset(), record.value()));
                }
            }
        }
        return records;
    }

    /**
     * Writes {@code envelope} to the token topic as a stray producer would; its offset. Only the
     * Kafka admin can, besides the token-service: the ACLs refuse every other user.
     */
    private long produce(EventEnvelope envelope) throws Exception {
        Map<String, Object> config = KafkaUsers.admin(stack, Map.of());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(LogTopic.DEFAULT_NAME, envelope.tokenId(), EventCodec.encode(envelope)))
                    .get().offset();
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + pattern + " in " + text);
        }
        return m.group(1);
    }
}
