package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        // through nginx, which retries the other replica: a dead replica must cost no query
        RequestLoop.Step query = () -> Optional.of(client.postQuery(issued.token(), "sum(up)"));
        try (RequestLoop first = new RequestLoop("grafana-1", Set.of(200), query);
             RequestLoop second = new RequestLoop("grafana-2", Set.of(200), query)) {
            List<RequestLoop> load = List.of(first, second);
            awaitMoreServed(load, 30);
            stack.killGateway(0);
            awaitMoreServed(load, 50);
            stack.restartGateway(0);
            awaitMoreServed(load, 50);
            first.assertServed(200, 1);
            second.assertServed(200, 1);
            assertThat(RequestLoop.served(load, 200)).as("queries served while a replica died and came back")
                    .isGreaterThanOrEqualTo(130);
        }
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
    void aTokenServiceKilledMidIssueComesBackWithEveryAcknowledgedIssueAndRevokeAndAnIntactChain() throws Exception {
        StackClient.Issued revokedBefore = client.issue("revoked-before-crash");
        assertThat(client.revoke(revokedBefore.id()).statusCode()).isEqualTo(200);
        AtomicInteger consumers = new AtomicInteger();
        // 502: nginx while the token-service is dead or starting; the client backs off 50 ms, as a user would
        RequestLoop.Step issue = () -> {
            var response = client.issueRaw("crash-load-" + consumers.incrementAndGet());
            if (response.statusCode() != 201) {
                LockSupport.parkNanos(50_000_000);
            }
            return Optional.of(response);
        };
        long killedAt;
        List<RequestLoop.Attempt> issues = new ArrayList<>();
        try (RequestLoop first = new RequestLoop("issuer-1", Set.of(201, 502, 503), issue);
             RequestLoop second = new RequestLoop("issuer-2", Set.of(201, 502, 503), issue)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.countSince(201, 0) + second.countSince(201, 0) >= 6);
            killedAt = System.nanoTime();
            stack.killTokenService();
            stack.restartTokenService();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.countSince(201, killedAt) + second.countSince(201, killedAt) >= 4);
            for (RequestLoop loop : List.of(first, second)) {
                loop.assertServed(201, 1);
                issues.addAll(loop.attempts());
            }
        }
        assertThat(issues).as("an issue in flight when the token-service was killed").anyMatch(a -> a.spans(killedAt));
        Map<String, String> acknowledged = new HashMap<>();
        issues.stream().filter(a -> a.status() == 201).forEach(a ->
                acknowledged.put(StackClient.field(a.body(), "id"), StackClient.field(a.body(), "token")));
        acknowledged.put(revokedBefore.id(), revokedBefore.token());
        SurvivalChecks.assertAllPresent(client, acknowledged, Set.of(revokedBefore.id()), Set.of());

        AuditedLog log = AuditedLog.read(stack);
        assertThat(log.verification().intact()).as("chain verifies: " + log.verification().firstBreak()).isTrue();
        assertThat(log.verification().verifiedRecords()).isEqualTo(log.records());
        assertThat(log.issued()).containsAll(acknowledged.keySet());
        Set<String> listed = new HashSet<>();
        Matcher m = ID.matcher(client.list().body());
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).as("listed after the restart: what the log holds, nothing more").isEqualTo(log.issued());

        // and the restarted writer goes on from the head the log holds: the next issue links
        String next = client.issue("after-crash").id();
        AuditedLog after = AuditedLog.read(stack);
        assertThat(after.verification().intact()).as("after the next issue: " + after.verification().firstBreak()).isTrue();
        assertThat(after.issued()).contains(next);
    }

    private static void awaitMoreServed(List<RequestLoop> loops, int more) {
        long target = RequestLoop.served(loops, 200) + more;
        await().atMost(Duration.ofSeconds(90)).until(() -> RequestLoop.served(loops, 200) >= target);
    }
}
