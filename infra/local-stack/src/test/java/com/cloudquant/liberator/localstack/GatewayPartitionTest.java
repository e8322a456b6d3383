package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TcpProxy;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways lose Kafka while the token-service does not: every gateway reads the log through
 * a {@link TcpProxy} (a broker listener advertised at the proxy's port, so every connection the
 * client makes crosses it), the token-service connects directly. The proxy blackholes: connections
 * stay open and silent, nothing tells the gateway it is cut off. Within {@code max-staleness}
 * the gateway must refuse (503, not ready) rather than keep accepting a token the token-service
 * meanwhile revoked, and once the link is back it must recover by itself.
 */
class GatewayPartitionTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPartitionTest.class);

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);
    /** The reader's schedule and a request's own time on a loaded two-core machine. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aGatewayCutOffFromKafkaFailsClosedWithinMaxStalenessAndRecoversByItself() throws Exception {
        int brokerSide = TcpProxy.freePort();
        try (TcpProxy proxy = TcpProxy.forwardingTo(brokerSide);
             EmbeddedKafka kafka = EmbeddedKafka.builder().listener("PARTITIONABLE", brokerSide, proxy.port()).build().start()) {
            TokenTopic.local().createIn(kafka);
            try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir, StackPorts.ephemeral(), false,
                    "partition-admin-password", Path.of(System.getProperty("liberator.repo.root", "../..")),
                    Duration.ofSeconds(2), kafka, LoadLoopSettings.gatewayWith(Map.of(
                            "liberator.kafka.bootstrap-servers", "127.0.0.1:" + proxy.port(),
                            "liberator.gateway.max-staleness", MAX_STALENESS.toSeconds() + "s"))))) {
                partitionAndHeal(proxy, new StackClient(stack));
            }
        }
    }

    private static void partitionAndHeal(TcpProxy proxy, StackClient client) throws Exception {
        StackClient.Issued known = client.issue("grafana-partition");
        StackClient.Issued revokedDuring = client.issue("revoked-during-partition");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(client, known, 200) && answers(client, revokedDuring, 200));
        assertThat(proxy.acceptedConnections()).as("the gateways read through the proxy").isPositive();

        AtomicInteger consumers = new AtomicInteger();
        StackClient.Issued issuedDuring;
        long blackholedAt;
        long failedClosedAt;
        long restoredAt;
        try (RequestLoop issuer = new RequestLoop("issuer", Set.of(201),
                () -> Optional.of(client.issueRaw("partition-load-" + consumers.incrementAndGet())));
             RequestLoop querier = new RequestLoop("querier", Set.of(200, 503),
                     () -> Optional.of(client.queryReplica(0, known.token(), "up")))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> querier.countSince(200, 0) >= 10);
            blackholedAt = System.nanoTime();
            proxy.blackhole();

            await("both replicas answer 503 and are not ready within max-staleness")
                    .atMost(MAX_STALENESS.plus(MARGIN)).until(() -> answers(client, known, 503)
                    && client.replicaReadiness(0) != 200 && client.replicaReadiness(1) != 200);
            failedClosedAt = System.nanoTime();
            assertThat(Duration.ofNanos(failedClosedAt - blackholedAt)).as("time to fail closed")
                    .isLessThanOrEqualTo(MAX_STALENESS.plus(MARGIN));
            // through the public entry too: both replicas failing closed is a JSON 503 for Grafana, never an HTML page
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> entry = client.query(known.token(), "up");
                assertThat(entry.statusCode()).as("through nginx while cut off: " + entry.body()).isEqualTo(503);
                assertThat(entry.body()).as("through nginx while cut off").startsWith("{\"status\":\"error\"");
            }
            assertThat(client.revoke(revokedDuring.id()).statusCode()).as("revoke while gateways are cut off").isEqualTo(200);
            issuedDuring = client.issue("issued-during-partition");
            AtomicInteger turn = new AtomicInteger();
            // 200 would be a revoked token accepted: a failure; 503 while cut off, 401 once healed
            try (RequestLoop revokedQuerier = new RequestLoop("revoked-querier", Set.of(503, 401),
                    () -> Optional.of(client.queryReplica(turn.incrementAndGet() % 2, revokedDuring.token(), "up")))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> issuer.countSince(201, blackholedAt) >= 5
                        && revokedQuerier.attempts().size() >= 20);
                restoredAt = System.nanoTime();
                proxy.restore();
                await("both replicas ready again, the known token 200, the revoked 401, the new 200")
                        .atMost(Duration.ofSeconds(30)).until(() -> client.replicaReadiness(0) == 200
                        && client.replicaReadiness(1) == 200 && answers(client, known, 200)
                        && answers(client, revokedDuring, 401) && answers(client, issuedDuring, 200));
                revokedQuerier.assertServed(503, 1);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> querier.countSince(200, restoredAt) >= 10);
            issuer.assertServed(201, 5);
            querier.assertServed(200, 20);
            // once failed closed, a cut-off gateway must not flap back to serving before the link returns
            assertThat(querier.attempts(a -> a.startNanos() > failedClosedAt && a.endNanos() < restoredAt))
                    .as("queries after failing closed while still cut off").hasSizeGreaterThanOrEqualTo(5)
                    .allMatch(a -> a.status() == 503);
            LOG.info("partition summary failClosedMs={} partitionMs={} issuedWhileCutOff={} queriesOk={} queries503={}",
                    (failedClosedAt - blackholedAt) / 1_000_000, (restoredAt - blackholedAt) / 1_000_000,
                    issuer.countSince(201, blackholedAt), querier.countSince(200, 0), querier.countSince(503, 0));
        }
    }

    /** Whether both gateway replicas answer {@code status} for this token. */
    private static boolean answers(StackClient client, StackClient.Issued token, int status) {
        return client.queryReplica(0, token.token(), "up").statusCode() == status
                && client.queryReplica(1, token.token(), "up").statusCode() == status;
    }
}
