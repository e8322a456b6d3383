package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.ScramUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token topic's ACLs on a real broker that lets in only SCRAM users: the token-service
 * writes and probes its transaction, a gateway reads the log the way token-log reads it and can
 * do nothing else, and only the admin may alter or delete the topic.
 */
class TokenTopicAccessTest {

    private static final ScramUser ADMIN = ScramUser.withRandomPassword("liberator-admin");
    private static final ScramUser TOKEN_SERVICE = ScramUser.withRandomPassword("liberator-token-service");
    private static final ScramUser GATEWAY = ScramUser.withRandomPassword("liberator-gateway");
    private static final ScramUser AUDIT = ScramUser.withRandomPassword("liberator-audit");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(
            EmbeddedKafka.builder().scram(ADMIN, List.of(TOKEN_SERVICE, GATEWAY, AUDIT)));

    private static String topic;
    private static TokenTopicAccess access;

    @BeforeAll
    static void createTopicAndGrant() {
        topic = KAFKA.createTokenTopic();
        access = new TokenTopicAccess(topic, TOKEN_SERVICE.principal(), List.of(GATEWAY.principal()), List.of(AUDIT.principal()));
        try (Admin admin = Admin.create(settings(ADMIN).adminProperties())) {
            access.grant(admin, TIMEOUT);
            access.grant(admin, TIMEOUT); // a second run (a restarted topic job) changes nothing
        }
    }

    @Test
    void theTokenServiceWritesInItsTransactionAndProbesItWithItsGroup() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(TOKEN_SERVICE, access.writerTransactionalId())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "t", new byte[] {1})).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
            // the writer probe: an offset commit inside a transaction, group = transactional.id
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)),
                    new ConsumerGroupMetadata(access.writerTransactionalId()));
            producer.commitTransaction();
        }

        assertThat(readAll(GATEWAY)).isNotEmpty();
    }

    @Test
    void aGatewayReadsTheLogAndPassesTheTopicCheck() {
        TokenLogSettings gateway = settings(GATEWAY);
        try (Admin admin = Admin.create(gateway.adminProperties())) {
            assertThat(new TopicCheck(admin, gateway).inspect().violations()).isEmpty();
            assertThat(new LogEnds(admin, topic, TIMEOUT).highWatermark()).isNotNegative();
        }
        readAll(GATEWAY);
    }

    @Test
    void theAuditorReadsTheLogFromItsStartAndNothingMore() {
        TokenLogSettings audit = settings(AUDIT);
        try (Admin admin = Admin.create(audit.adminProperties())) {
            assertThat(new LogEnds(admin, topic, TIMEOUT).logStart()).isZero();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThatThrownBy(() -> admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            // a service whose user lacks an ACL is told to look at the ACLs, not at the network
            assertThatThrownBy(() -> new TopicCheck(admin, audit).inspect()).isInstanceOf(TokenLogUnavailableException.class)
                    .hasMessageContaining("check the ACLs of this service's Kafka user").hasMessageNotContaining("reachable");
        }
        readAll(AUDIT);
        try (KafkaProducer<String, byte[]> producer = producer(AUDIT, null, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "forged", new byte[] {0})).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aGatewayCannotProduce() {
        // idempotent (the client default): refused a producer id, as it may write nowhere
        try (KafkaProducer<String, byte[]> producer = producer(GATEWAY, null)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "forged", new byte[] {0})).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
        // plain: the write itself is refused
        try (KafkaProducer<String, byte[]> producer = producer(GATEWAY, null, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "forged", new byte[] {0})).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(readAll(GATEWAY)).noneMatch(record -> record.value() != null && java.util.Arrays.equals(record.valueBytes(), new byte[] {0}));
    }

    @Test
    void aGatewayCannotOpenATransactionAsTheTokenService() {
        try (KafkaProducer<String, byte[]> producer = producer(GATEWAY, access.writerTransactionalId())) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void noServiceMayDeleteOrAlterTheTopic() {
        for (ScramUser user : List.of(GATEWAY, AUDIT, TOKEN_SERVICE)) {
            try (Admin admin = Admin.create(settings(user).adminProperties())) {
                assertThatThrownBy(() -> admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS))
                        .as(user.name()).hasCauseInstanceOf(TopicAuthorizationException.class);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS))
                        .as(user.name()).hasCauseInstanceOf(TopicAuthorizationException.class);
                assertThatThrownBy(() -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all()
                        .get(30, TimeUnit.SECONDS)).as(user.name()).hasCauseInstanceOf(TopicAuthorizationException.class);
                assertThatThrownBy(() -> admin.createAcls(access.bindings()).all().get(30, TimeUnit.SECONDS))
                        .as(user.name()).hasCauseInstanceOf(ClusterAuthorizationException.class);
            }
        }
        assertThat(readAll(GATEWAY)).as("the topic is still there").isNotNull();
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        TokenLogSettings wrong = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(10),
                new ScramUser(GATEWAY.name(), "not-the-gateway-password-0123").clientProperties(), false);
        try (Admin admin = Admin.create(wrong.adminProperties())) {
            assertThatThrownBy(() -> new LogEnds(admin, topic, Duration.ofSeconds(10)).highWatermark())
                    .isInstanceOf(TokenLogUnavailableException.class)
                    .hasMessageContaining("check this service's Kafka user and password").hasMessageNotContaining("0123");
        }
    }

    @Test
    void aClientWithoutCredentialsCannotRead() {
        TokenLogSettings anonymous = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(3), Map.of(), false);

        assertThatThrownBy(() -> {
            try (CommittedRecords records = CommittedRecords.open(anonymous, 0)) {
                records.next();
            }
        }).isInstanceOf(TokenLogUnavailableException.class);
    }

    @Test
    void theWritersTransactionalIdIsDerivedFromTheTopic() {
        assertThat(TokenTopicAccess.writerTransactionalId("t.v1")).isEqualTo("liberator-token-service.t.v1");
        assertThatThrownBy(() -> new TokenTopicAccess(topic, GATEWAY.principal(), List.of(GATEWAY.principal()), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<LogRecord> readAll(ScramUser user) {
        List<LogRecord> all = new ArrayList<>();
        try (CommittedRecords records = CommittedRecords.open(settings(user), 0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                all.addAll(batch);
            }
        }
        return all;
    }

    private static TokenLogSettings settings(ScramUser user) {
        return new TokenLogSettings(KAFKA.bootstrapServers(), topic == null ? LogTopic.DEFAULT_NAME : topic,
                TIMEOUT, user.clientProperties(), false);
    }

    private static KafkaProducer<String, byte[]> producer(ScramUser user, String transactionalId) {
        return producer(user, transactionalId, Map.of());
    }

    private static KafkaProducer<String, byte[]> producer(ScramUser user, String transactionalId, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(settings(user).producerBaseProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(), Map.Entry::getValue)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
