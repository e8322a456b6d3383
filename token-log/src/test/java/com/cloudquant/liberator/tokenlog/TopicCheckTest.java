package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCheckTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(TokenLogSettings.local(KAFKA.bootstrapServers(), "x").adminProperties());
    }

    @AfterAll
    static void close() {
        admin.close(Duration.ZERO);
    }

    private static TopicCheck.Inspection inspect(String topic, boolean requireReplicated) {
        TokenLogSettings settings = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(5),
                Map.of(), requireReplicated);
        return new TopicCheck(admin, settings).inspect();
    }

    /** As {@link #inspect}, once the broker's metadata knows the topic just created (it lags the creation). */
    private static TopicCheck.Inspection inspectCreated(String topic, boolean requireReplicated) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> inspect(topic, requireReplicated),
                        inspection -> inspection.violations().stream().noneMatch(v -> v.contains("does not exist")));
    }

    private static String create(NewTopic topic) throws Exception {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        return topic.name();
    }

    @Test
    void theShippedTopicSettingsPass() {
        String topic = "tokens-" + UUID.randomUUID();
        TokenTopic.local(topic).createIn(admin);
        TopicCheck.Inspection inspection = inspectCreated(topic, false);
        assertThat(inspection.violations()).isEmpty();
        assertThat(inspection.topicId()).isNotNull();
    }

    @Test
    void aMissingTopicNamesTheCommandThatCreatesIt() {
        assertThat(inspect("absent-" + UUID.randomUUID(), false).violations())
                .singleElement().asString().contains("does not exist", "kafka-topics.sh", "--partitions 1", "retention.ms=-1");
    }

    @Test
    void expiringOrCompactedOrPartitionedTopicsAreRefusedNamingEachSetting() throws Exception {
        String topic = create(new NewTopic("bad-" + UUID.randomUUID(), 2, (short) 1)
                .configs(Map.of("retention.ms", "604800000", "cleanup.policy", "compact", "retention.bytes", "1073741824")));
        List<String> violations = inspectCreated(topic, false).violations();
        assertThat(violations).hasSize(4);
        assertThat(String.join("\n", violations)).contains("2 partitions", "cleanup.policy=compact",
                "retention.ms=604800000", "retention.bytes=1073741824", "--add-config retention.ms=-1");
    }

    @Test
    void aReplicatedDeploymentRefusesASingleReplicaTopic() {
        String topic = "tokens-" + UUID.randomUUID();
        TokenTopic.local(topic).createIn(admin);
        assertThat(String.join("\n", inspectCreated(topic, true).violations()))
                .contains("replication factor 1", "min.insync.replicas=1");
    }

    @Test
    void deletedRecordsAtTheStartAreRefused() throws Exception {
        String topic = "tokens-" + UUID.randomUUID();
        TokenTopic.local(topic).createIn(admin);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1})).get();
            producer.send(new ProducerRecord<>(topic, new byte[] {2})).get();
        }
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1))).all().get(30, TimeUnit.SECONDS);

        assertThat(inspectCreated(topic, false).violations()).singleElement().asString().contains("starts at offset 1");
        TokenLogSettings settings = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(5), Map.of(), false);
        assertThatThrownBy(() -> new TopicCheck(admin, settings).requireUsable())
                .hasMessageContaining("cannot hold the token log").hasMessageContaining("starts at offset 1");
    }
}
