package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaCluster;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production layout of the log: three brokers, replication 3, min.insync.replicas 2.
 * Stopping the token topic's leader under steady issuing and querying loses nothing: an
 * issue either succeeds or answers 503 while the leader moves, and every replica converges.
 */
class ThreeBrokerClusterTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(cqm_[0-9a-f]{48})\"");

    @TempDir
    Path dir;

    @Test
    void stoppingTheLeaderBrokerLosesNoTokenAndFailsNoQuery() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().nodes(3).build().start()) {
            new TokenTopic(TokenTopic.DEFAULT_NAME, (short) 3, 2).createIn(cluster);
            try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir, StackPorts.ephemeral(), false,
                    "cluster-admin-password", Path.of(System.getProperty("liberator.repo.root", "../..")),
                    Duration.ofSeconds(2), cluster))) {
                StackClient client = new StackClient(stack);
                StackClient.Issued reader = client.issue("grafana-cluster");
                await().atMost(Duration.ofSeconds(10)).until(() -> client.query(reader.token(), "up").statusCode() == 200);

                List<String> issued = Collections.synchronizedList(new ArrayList<>());
                List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger unavailable = new AtomicInteger();
                List<String> failedQueries = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger attempts = new AtomicInteger();
                Thread issuer = loop(() -> {
                    // one consumer per token: the per-consumer limit of active tokens is not what is tested here
                    HttpResponse<String> response = client.issueRaw("load-" + attempts.incrementAndGet());
                    if (response.statusCode() == 201) {
                        Matcher m = TOKEN.matcher(response.body());
                        assertThat(m.find()).isTrue();
                        issued.add(m.group(1));
                    } else if (response.statusCode() == 503) {
                        unavailable.incrementAndGet();
                    } else {
                        unexpected.add(response.statusCode() + " " + response.body());
                    }
                });
                Thread querier = loop(() -> {
                    HttpResponse<String> response = client.query(reader.token(), "up");
                    if (response.statusCode() != 200) {
                        failedQueries.add(response.statusCode() + " " + response.body());
                    }
                });
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> issued.size() >= 3);
                    int leader = leaderOfTokenTopic(cluster.bootstrapServers());
                    cluster.stopNode(leader);
                    int atStop = issued.size();
                    await().atMost(Duration.ofSeconds(90)).until(() -> issued.size() >= atStop + 5);
                    cluster.startNode(leader);
                } finally {
                    stop(issuer);
                    stop(querier);
                }

                assertThat(unexpected).as("issue answers other than 201 or 503").isEmpty();
                assertThat(failedQueries).as("failed queries with a known token").isEmpty();
                List<String> tokens = List.copyOf(issued);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (String token : tokens) {
                        assertThat(client.queryReplica(0, token, "1").statusCode()).isEqualTo(200);
                        assertThat(client.queryReplica(1, token, "1").statusCode()).isEqualTo(200);
                    }
                });
            }
        }
    }

    private static int leaderOfTokenTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(TokenTopic.DEFAULT_NAME)).allTopicNames().get()
                    .get(TokenTopic.DEFAULT_NAME).partitions().get(0).leader().id();
        }
    }

    private static Thread loop(Runnable step) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    throw e;
                }
            }
        });
        thread.start();
        return thread;
    }

    private static void stop(Thread thread) throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
