package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica that cannot vouch for having read the whole token log refuses Bearer requests
 * (503) and reports not ready, rather than serving a view that may miss a revocation.
 * Every test gets fresh replicas on a fresh topic: a halt is permanent.
 *
 * <p>What an await polls is checked with plain assertions: AssertJ's soft assertions generate
 * proxy classes the first time a JVM uses them, seconds of CPU on a loaded machine, which the
 * await's bound would count against the replica (and charge to whichever test came first).
 */
@ExtendWith(SharedInfra.class)
class FailClosedTest {

    private static final String QUERY = "/metrics-api-bearer/api/v1/query?query=up";
    private static final Duration MAX_STALENESS = Duration.ofSeconds(2);
    private static final Map<String, Object> SETTINGS = Map.of("liberator.gateway.max-staleness", "2s");
    private static final String READER_THREAD = "token-topic-reader";

    private final List<GatewayHarness> replicas = new ArrayList<>();

    @AfterEach
    void closeReplicas() {
        replicas.forEach(GatewayHarness::close);
    }

    @Test
    void aForeignOpenTransactionMakesTheReplicaFailClosed() throws Exception {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        assertThat(status(gateway, t1.bearer())).isEqualTo(200);

        try (KafkaProducer<byte[], byte[]> foreign = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "foreign-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            foreign.initTransactions();
            foreign.beginTransaction();
            try {
                foreign.send(new ProducerRecord<>(gateway.topic(), "foreign".getBytes(StandardCharsets.UTF_8),
                        "left open".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                foreign.flush();

                gateway.send(t1.tokenId(), gateway.log().revoke(t1.tokenId()));

                await().atMost(MAX_STALENESS.plusSeconds(3)).pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> {
                            int revoked = status(gateway, t1.bearer());
                            int ready = readiness(gateway).statusCode();
                            assertThat(revoked).as("revoked token behind an open transaction (readiness %s)", ready)
                                    .isIn(401, 503);
                            assertThat(ready).as("readiness (revoked token %s)", revoked).isEqualTo(503);
                        });
            } finally {
                foreign.abortTransaction();
            }
        }
    }

    @Test
    void aSignedRecordThatSkipsASeqHaltsTheReplica() {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        // seq 2 is sealed (the head moves) but never reaches the topic
        gateway.log().issue("tok-lost-" + UUID.randomUUID(), SignedLog.newToken());
        long offset = gateway.send(t1.tokenId(), gateway.log().revoke(t1.tokenId()));

        assertHaltedAt(gateway, offset, t1.bearer());
    }

    @Test
    void aForkedRecordHaltsTheReplica() {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        ChainHead afterT1 = gateway.log().head();
        GatewayHarness.Issued t2 = gateway.issue("grafana-staging");
        // a second, validly signed seq 2 with other content
        EventEnvelope fork = gateway.log().sealAfter(afterT1,
                new TokenRevoked(t1.tokenId(), "alice", Instant.now(), "fork"));
        long offset = gateway.send(t1.tokenId(), EventCodec.encode(fork));

        assertHaltedAt(gateway, offset, t1.bearer());
        assertThat(status(gateway, t2.bearer())).as("the other token of the halted replica").isEqualTo(503);
    }

    @Test
    void anUnknownKeyRecordThatTheChainThenBuildsOnHaltsTheReplica() {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        SignedLog stranger = new SignedLog();
        BearerToken strangersToken = SignedLog.newToken();
        String strangersId = "tok-stranger-" + UUID.randomUUID();
        EventEnvelope unknownKey = stranger.sealAfter(gateway.log().head(), new TokenIssued(strangersId,
                "grafana-stranger", strangersToken.sha256Hex(), strangersToken.hint(), null, "alice", Instant.now()));
        gateway.send(strangersId, EventCodec.encode(unknownKey));
        // seq 3, signed with the trusted key, chained onto the record the replica could not authenticate
        EventEnvelope buildsOnIt = gateway.log().sealAfter(unknownKey.head(),
                new TokenRevoked(t1.tokenId(), "alice", Instant.now(), "test"));
        long offset = gateway.send(t1.tokenId(), EventCodec.encode(buildsOnIt));

        assertHaltedAt(gateway, offset, t1.bearer());
        assertThat(status(gateway, "Bearer " + strangersToken.reveal())).as("the stranger's token").isEqualTo(503);
    }

    @Test
    void topicDeletedAndRecreatedHaltsTheReplica() throws Exception {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        String topic = gateway.topic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafka().bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
            TokenTopic.local(topic).createIn(admin);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
        }
        // the same writer starts again from genesis on the new, empty topic
        SignedLog fresh = gateway.log().restartedWithSameKey();
        BearerToken t2 = SignedLog.newToken();
        String t2Id = "tok-fresh-" + UUID.randomUUID();
        gateway.send(t2Id, fresh.issue(t2Id, t2));

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(List.of(readiness(gateway).statusCode(), status(gateway, t1.bearer()),
                        status(gateway, "Bearer " + t2.reveal())))
                        .as("readiness, token of the deleted log, token of the new log").containsExactly(503, 503, 503));
    }

    @Test
    @SuppressWarnings("removal")
    void aReaderThreadKilledByAnErrorFailsClosed() {
        Set<Thread> before = readerThreads();
        // max-staleness well past the 2 s bound: the dead reader itself must make the replica fail closed,
        // not the staleness clock running out
        GatewayHarness gateway = GatewayHarness.start(SharedInfra.prometheus().url(),
                Map.of("liberator.gateway.max-staleness", "10s"));
        replicas.add(gateway);
        GatewayHarness.Issued t1 = gateway.issue("grafana-prod");
        Set<Thread> ours = readerThreads();
        ours.removeAll(before);
        assertThat(ours).as("reader threads started by this replica").hasSize(1);
        Thread reader = ours.iterator().next();
        assertThat(status(gateway, t1.bearer())).isEqualTo(200);

        reader.stop(); // ThreadDeath: an Error, thrown inside the reader

        // the dying reader's own uncaught exception is not the failure under test: what the replica answers is
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(List.of(status(gateway, t1.bearer()), readiness(gateway).statusCode()))
                        .as("Bearer request once the reader is dead, readiness").containsExactly(503, 503));
    }

    @Test
    void thirtyFreshTokensAreEachAcceptedOnTheirFirstRequestByTwoReplicas() {
        GatewayHarness first = replica();
        GatewayHarness second = GatewayHarness.replicaOf(first, SharedInfra.prometheus().url(), SETTINGS);
        replicas.add(second);

        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            BearerToken token = SignedLog.newToken();
            String id = "tok-fresh-" + i + "-" + UUID.randomUUID();
            first.send(id, first.log().issue(id, token)); // acknowledged by Kafka before any request
            List<GatewayHarness> order = i % 2 == 0 ? List.of(first, second) : List.of(second, first);
            for (GatewayHarness replica : order) {
                int status = status(replica, "Bearer " + token.reveal());
                if (status != 200) {
                    refused.add("token " + i + " on replica " + (replica == first ? "1" : "2") + ": " + status);
                }
            }
        }
        assertThat(refused).as("first requests not answered 200, of 60").isEmpty();
    }

    @Test
    void aSecondIssueOfARevokedIdChangesNothing() {
        GatewayHarness gateway = replica();
        GatewayHarness.Issued a = gateway.issue("grafana-prod");
        gateway.send(a.tokenId(), gateway.log().revoke(a.tokenId()));
        BearerToken b = SignedLog.newToken();
        gateway.send(a.tokenId(), gateway.log().issue(a.tokenId(), b));
        BearerToken marker = SignedLog.newToken();
        String markerId = "tok-marker-" + UUID.randomUUID();
        gateway.send(markerId, gateway.log().issue(markerId, marker));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(status(gateway, "Bearer " + marker.reveal())).as("marker issued last").isEqualTo(200));
        assertThat(status(gateway, a.bearer())).as("revoked token").isEqualTo(401);
        assertThat(status(gateway, "Bearer " + b.reveal())).as("token re-issued under the revoked id").isEqualTo(401);
    }

    /** The replica refuses every Bearer request with 503 naming {@code offset}, and is not ready. */
    private static void assertHaltedAt(GatewayHarness gateway, long offset, String bearer) {
        Pattern namesOffset = Pattern.compile("(?i)offset\\D{0,3}" + offset + "(?!\\d)");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            HttpResponse<String> response = query(gateway, bearer);
            int ready = readiness(gateway).statusCode();
            assertThat(List.of(response.statusCode(), ready))
                    .as("Bearer request after a signed record that breaks the chain, readiness (body: %s)", response.body())
                    .containsExactly(503, 503);
            assertThat(response.body()).as("names the offset of the record").containsPattern(namesOffset);
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(gateway, bearer) == 503);
    }

    private GatewayHarness replica() {
        GatewayHarness gateway = GatewayHarness.start(SharedInfra.prometheus().url(), SETTINGS);
        replicas.add(gateway);
        return gateway;
    }

    private static int status(GatewayHarness gateway, String bearer) {
        return query(gateway, bearer).statusCode();
    }

    private static HttpResponse<String> query(GatewayHarness gateway, String bearer) {
        return gateway.get(QUERY, "Authorization", bearer);
    }

    private static HttpResponse<String> readiness(GatewayHarness gateway) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/readiness")).GET());
    }

    private static Set<Thread> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> READER_THREAD.equals(t.getName()) && t.isAlive())
                .collect(Collectors.toSet());
    }
}
