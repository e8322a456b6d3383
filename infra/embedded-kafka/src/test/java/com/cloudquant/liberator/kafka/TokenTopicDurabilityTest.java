package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Why the token topic is created with {@code min.insync.replicas=2} and unclean leader election
 * off: the one crash sequence that loses acknowledged writes otherwise, run deterministically
 * against brokers killed with SIGKILL ({@link ForkedKafkaCluster}).
 *
 * <p>The sequence: the partition leader's two followers are killed, so the controller shrinks
 * the ISR to the leader alone; writes with {@code acks=all} are attempted; the leader is killed;
 * one out-of-date follower comes back. With {@code min.insync.replicas=1} the leader alone
 * acknowledges the writes, and with unclean election the stale follower becomes leader and
 * truncates them away: acknowledged records are gone. With the shipped settings the leader alone
 * refuses the writes ({@code NOT_ENOUGH_REPLICAS}), so nothing is acknowledged that only it held,
 * and every acknowledged record is there whoever leads afterwards.
 */
class TokenTopicDurabilityTest {

    private static ForkedKafkaCluster cluster;
    private static Admin admin;

    /** The topic settings under test. */
    enum Settings {
        SHIPPED(false), MIN_ISR_1_AND_UNCLEAN_ELECTION(true);

        private final boolean unsafe;

        Settings(boolean unsafe) {
            this.unsafe = unsafe;
        }

        NewTopic topic() {
            TokenTopic shipped = new TokenTopic("durability-" + name().toLowerCase(), (short) 3, 2);
            Map<String, String> configs = new HashMap<>(shipped.configs());
            if (unsafe) {
                configs.put("min.insync.replicas", "1");
                configs.put("unclean.leader.election.enable", "true");
            }
            return new NewTopic(shipped.name(), 1, (short) 3).configs(configs);
        }
    }

    @BeforeAll
    static void startCluster() {
        // a follower that stops fetching leaves the ISR after 2 s instead of 30 s
        cluster = ForkedKafkaCluster.builder().brokers(3).brokerProperty("replica.lag.time.max.ms", "2000")
                .build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void closeCluster() {
        admin.close();
        cluster.close();
    }

    @BeforeEach
    void everyBrokerUp() {
        cluster.startAllBrokers();
    }

    @ParameterizedTest
    @EnumSource(Settings.class)
    void aLeaderLeftAloneThenKilledLosesAcknowledgedWritesOnlyWithUnsafeSettings(Settings settings) throws Exception {
        NewTopic topic = settings.topic();
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        Set<String> acknowledged = new HashSet<>();
        List<String> during;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic.name(), "before-" + i)).get(30, TimeUnit.SECONDS);
                acknowledged.add("before-" + i);
            }
            TopicPartitionInfo partition = await().atMost(Duration.ofSeconds(30))
                    .until(() -> describe(topic.name()), p -> p.isr().size() == 3);
            int leader = partition.leader().id();
            List<Integer> followers = partition.replicas().stream().map(Node::id).filter(id -> id != leader).toList();
            followers.forEach(cluster::killBroker);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> describe(topic.name()).isr().stream().map(Node::id).toList(), isr -> isr.equals(List.of(leader)));

            during = sendDuringIsolation(producer, topic.name());
            acknowledged.addAll(during);
            cluster.killBroker(leader);
            cluster.startBroker(followers.get(0));
        }
        if (settings.unsafe) {
            assertThat(during).as("writes acknowledged by the leader alone").hasSize(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> describe(topic.name()).leader() != null);
            assertThat(missing(topic.name(), acknowledged)).as("acknowledged writes lost").containsExactlyInAnyOrderElementsOf(during);
        } else {
            assertThat(during).as("writes acknowledged by the leader alone").isEmpty();
            // the stale follower alone must not lead; the old leader brings the partition back
            cluster.startAllBrokers();
            await().atMost(Duration.ofSeconds(30)).until(() -> describe(topic.name()).leader() != null);
            assertThat(missing(topic.name(), acknowledged)).as("acknowledged writes lost").isEmpty();
        }
    }

    /** Five writes while the leader is the only in-sync replica; returns those acknowledged. */
    private static List<String> sendDuringIsolation(KafkaProducer<String, String> producer, String topic) {
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(producer.send(new ProducerRecord<>(topic, "during-" + i)));
        }
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                acknowledged.add("during-" + i);
            } catch (Exception refused) {
                // NOT_ENOUGH_REPLICAS until the delivery timeout: not acknowledged, so not promised
            }
        }
        return acknowledged;
    }

    private static Set<String> missing(String topic, Set<String> acknowledged) {
        Set<String> present = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = TestClients.consumerFromStart(cluster, topic, "read_committed")) {
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> present.add(r.value()));
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(present);
        return missing;
    }

    private static TopicPartitionInfo describe(String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        return description.partitions().get(0);
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
