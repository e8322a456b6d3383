package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Three nodes that sign in to each other as the admin: replication works with the authorizer on. */
class ScramClusterTest {

    @Test
    void aThreeNodeClusterReplicatesAnAuthorisedUsersAcksAllWrite() throws Exception {
        ScramUser admin = ScramUser.withRandomPassword("admin");
        ScramUser writer = ScramUser.withRandomPassword("writer");
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().nodes(3).scram(admin, List.of(writer)).build().start()) {
            TokenTopic topic = new TokenTopic("replicated", (short) 3, 2).createIn(cluster);
            Map<String, Object> adminConfig = new HashMap<>(cluster.adminClientProperties());
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            try (Admin client = Admin.create(adminConfig)) {
                client.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL),
                        new AccessControlEntry(writer.principal(), "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                        .all().get(30, TimeUnit.SECONDS);
            }

            Map<String, Object> producerConfig = new HashMap<>(writer.clientProperties());
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>(topic.name(), "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
            }
        }
    }
}
