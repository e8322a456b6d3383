package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenTopicTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void tokenTopicHasOnePartitionInfiniteRetentionAndIsNeverCompacted() throws Exception {
        String topic = KAFKA.createTokenTopic();

        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(topic).isEqualTo("liberator.metrics-tokens.v1");
            assertThat(description.partitions()).hasSize(1);
            assertThat(description.partitions().get(0).replicas()).hasSize(1);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    void creatingAnExistingTopicAgainIsHarmless() throws Exception {
        TokenTopic topic = TokenTopic.local("created-twice");

        topic.createIn(KAFKA.broker());
        topic.createIn(KAFKA.broker());

        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).contains("created-twice");
        }
    }

    @Test
    void minInsyncReplicasAboveReplicationFactorIsRejected() {
        assertThatThrownBy(() -> new TokenTopic("t", (short) 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minInsyncReplicas");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
