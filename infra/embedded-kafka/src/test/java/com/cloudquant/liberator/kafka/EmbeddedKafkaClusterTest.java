package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The production shape of the log: replication 3, min ISR 2, surviving the loss of one broker. */
class EmbeddedKafkaClusterTest {

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.builder().nodes(3).build().start();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Test
    void acksAllWritesKeepSucceedingWhileTheActiveControllersNodeIsDown() throws Exception {
        String topic = new TokenTopic("replicated-tokens", (short) 3, 2).createIn(cluster).name();
        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(cluster)) {
            send(producer, topic, "before-outage");
            // the hardest node to lose: controller fail-over and a stale broker registration
            int controller = activeController();

            cluster.stopNode(controller);
            assertThat(cluster.isNodeRunning(controller)).isFalse();
            send(producer, topic, "during-outage");

            cluster.startNode(controller);
            send(producer, topic, "after-outage");
        }

        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
        assertThat(TestClients.readValues(cluster, topic, "read_committed", 3))
                .containsExactly("before-outage", "during-outage", "after-outage");
    }

    private static int activeController() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return admin.describeMetadataQuorum().quorumInfo().get().leaderId();
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String value) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        producer.commitTransaction();
    }
}
