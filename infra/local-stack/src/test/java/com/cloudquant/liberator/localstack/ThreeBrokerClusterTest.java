package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.kafka.ForkedKafkaCluster;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production layout of the log (three brokers, replication 3, min.insync.replicas 2) under a
 * crash: the token topic's leader broker is killed with SIGKILL while issues and revokes are in
 * flight, and NOT restarted before the checks. Every acknowledged issue must still be listed and
 * authenticate at every gateway, every acknowledged revoke must be refused by every gateway, the
 * chain must verify end to end, and queries with a live token may answer 503 only briefly.
 *
 * <p>What this sequence cannot show: a single kill with all three replicas in sync loses nothing
 * even with {@code min.insync.replicas=1} and unclean election on, because {@code acks=all} waits
 * for the whole ISR, not for {@code min.insync.replicas} of it; those settings matter only once the
 * ISR has shrunk. {@code TokenTopicDurabilityTest} (embedded-kafka) runs that sequence (followers
 * killed, leader alone acknowledges, leader killed, stale follower back) and loses acknowledged
 * writes deterministically with the unsafe settings, none with the shipped ones.
 */
class ThreeBrokerClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeBrokerClusterTest.class);

    private static final Duration CHECK = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderBrokerMidIssueLosesNoAcknowledgedIssueOrRevoke() throws Exception {
        try (ForkedKafkaCluster cluster = ForkedKafkaCluster.builder().brokers(3).build().start()) {
            new TokenTopic(LogTopic.DEFAULT_NAME, (short) 3, 2).createIn(cluster);
            try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir, StackPorts.ephemeral(), false,
                    "cluster-admin-password", Path.of(System.getProperty("liberator.repo.root", "../..")),
                    Duration.ofSeconds(2), cluster, LoadLoopSettings.GATEWAY))) {
                StackClient client = new StackClient(stack);
                StackClient.Issued reader = client.issue("grafana-cluster");
                await().atMost(CHECK).until(() -> client.query(reader.token(), "up").statusCode() == 200);
                run(cluster, stack, client, reader);
            }
        }
    }

    private void run(ForkedKafkaCluster cluster, LocalStack stack, StackClient client, StackClient.Issued reader)
            throws Exception {
        AtomicInteger consumers = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();
        BlockingQueue<String> toRevoke = new LinkedBlockingQueue<>();
        Set<String> revokeAttempted = ConcurrentHashMap.newKeySet();
        // one consumer per token: the per-consumer limit of active tokens is not what is tested here
        RequestLoop.Step issue = () -> {
            HttpResponse<String> response = client.issueRaw("load-" + consumers.incrementAndGet());
            if (response.statusCode() == 201 && consumers.get() % 2 == 0) {
                String id = StackClient.field(response.body(), "id");
                revokeAttempted.add(id);
                toRevoke.add(id);
            }
            return Optional.of(response);
        };
        RequestLoop.Step revoke = () -> {
            String id = toRevoke.poll(100, TimeUnit.MILLISECONDS);
            return id == null ? Optional.empty() : Optional.of(client.revoke(id));
        };
        long killedAt;
        int leader;
        List<RequestLoop> loops;
        try (RequestLoop issuer1 = new RequestLoop("issuer-1", Set.of(201, 503), issue);
             RequestLoop issuer2 = new RequestLoop("issuer-2", Set.of(201, 503), issue);
             RequestLoop revoker = new RequestLoop("revoker", Set.of(200, 503), revoke);
             // straight at the replicas, alternating: through nginx, a moment when both answer 503
             // becomes nginx's own 502 ("no live upstreams"), which would hide what the gateways said
             RequestLoop querier = new RequestLoop("querier", Set.of(200, 503),
                     () -> Optional.of(client.queryReplica(turn.incrementAndGet() % 2, reader.token(), "up")))) {
            loops = List.of(issuer1, issuer2, revoker, querier);
            await().atMost(Duration.ofSeconds(60)).until(() -> issuer1.countSince(201, 0) + issuer2.countSince(201, 0) >= 6
                    && revoker.countSince(200, 0) >= 2);
            leader = leaderOfTokenTopic(cluster.bootstrapServers());
            killedAt = System.nanoTime();
            cluster.killBroker(leader);
            await("issues, revokes and queries served after the kill").atMost(Duration.ofSeconds(90))
                    .until(() -> issuer1.countSince(201, killedAt)
                    + issuer2.countSince(201, killedAt) >= 6 && revoker.countSince(200, killedAt) >= 3
                    && querier.countSince(200, killedAt) >= 20);
        }
        assertThat(cluster.isBrokerAlive(leader)).as("the killed leader stays down for the checks").isFalse();
        // each loop, not only their sum: a thread that stopped working early fails here, not silently
        loops.get(0).assertServed(201, 1);
        loops.get(1).assertServed(201, 1);
        loops.get(2).assertServed(200, 3);
        loops.get(3).assertServed(200, 20);
        List<RequestLoop.Attempt> issues = new java.util.ArrayList<>(loops.get(0).attempts());
        issues.addAll(loops.get(1).attempts());
        assertThat(issues).as("an issue in flight when the leader was killed").anyMatch(a -> a.spans(killedAt));

        Map<String, String> acknowledged = acknowledgedIssues(issues);
        Set<String> revoked = Set.copyOf(loops.get(2).attempts(a -> a.status() == 200).stream()
                .map(a -> StackClient.field(a.body(), "id")).toList());
        assertThat(acknowledged).as("acknowledged issues").hasSizeGreaterThanOrEqualTo(12);
        assertThat(revoked).as("acknowledged revokes").hasSizeGreaterThanOrEqualTo(5);
        SurvivalChecks.assertAllPresent(client, acknowledged, revoked, revokeAttempted);
        SurvivalChecks.assertQueriesFailedOnlyBriefly(loops.get(3).attempts(), Duration.ofSeconds(15));
        LOG.info("kill summary leader={} acknowledgedIssues={} acknowledgedRevokes={} issues503={} revokes503={}"
                + " queriesOk={} queries503={} inFlightAtKill={}", leader, acknowledged.size(), revoked.size(),
                issues.stream().filter(a -> a.status() == 503).count(), loops.get(2).countSince(503, 0),
                loops.get(3).countSince(200, 0), loops.get(3).countSince(503, 0),
                issues.stream().filter(a -> a.spans(killedAt)).map(RequestLoop.Attempt::status).toList());

        AuditedLog log = AuditedLog.read(stack);
        assertThat(log.verification().intact()).as("chain verifies: " + log.verification().firstBreak()).isTrue();
        assertThat(log.verification().verifiedRecords()).isEqualTo(log.records());
        assertThat(log.issued()).containsAll(acknowledged.keySet());
        assertThat(log.revoked()).containsAll(revoked);
    }

    private static Map<String, String> acknowledgedIssues(List<RequestLoop.Attempt> issues) {
        Map<String, String> tokens = new java.util.HashMap<>();
        issues.stream().filter(a -> a.status() == 201)
                .forEach(a -> tokens.put(StackClient.field(a.body(), "id"), StackClient.field(a.body(), "token")));
        return tokens;
    }

    private static int leaderOfTokenTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(LogTopic.DEFAULT_NAME)).allTopicNames().get()
                    .get(LogTopic.DEFAULT_NAME).partitions().get(0).leader().id();
        }
    }
}
