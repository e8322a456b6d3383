package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's own Kafka broker: users must sign in (SCRAM-SHA-512) and ACLs decide what each
 * may do. As the admin it creates the token topic and grants the token topic's ACLs
 * ({@link KafkaCredentials#access}); the services never see the admin's password.
 */
final class StackKafka {

    private static final Logger LOG = LoggerFactory.getLogger(StackKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private StackKafka() {
    }

    /** The users' credentials from the state directory, made on the first start. */
    static KafkaCredentials credentials(StackLayout layout) {
        Path dir = layout.kafkaCredentials();
        if (KafkaCredentials.absentIn(dir) && Files.exists(layout.kafka().resolve("meta.properties"))) {
            // the broker learns its users when its data is formatted; this data has none
            throw new LocalStackException("the Kafka data in " + layout.kafka() + " was made before Kafka required"
                    + " its users to sign in, and has none; start once with --fresh (this deletes the tokens)");
        }
        return KafkaCredentials.ensure(dir);
    }

    /** Starts the broker, creates the token topic and its ACLs, writes the audit tool's client settings. */
    static EmbeddedKafka start(StackLayout layout, int port, KafkaCredentials credentials) {
        EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).dataDirectory(layout.kafka())
                .scram(credentials.admin(), credentials.services()).build().start();
        try {
            TokenTopic topic = TokenTopic.local().createIn(kafka);
            Map<String, Object> adminConfig = new LinkedHashMap<>(kafka.adminClientProperties());
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminConfig)) {
                credentials.access(topic.name()).grant(admin, ADMIN_TIMEOUT);
            }
            KafkaCredentials.writeClientConfig(credentials.audit(), auditClientConfig(layout));
        } catch (RuntimeException e) {
            kafka.close();
            throw e instanceof LocalStackException ? e : new LocalStackException("cannot set up Kafka: " + e.getMessage(), e);
        }
        LOG.info("kafka ready bootstrap={} data={} credentials={} acls=granted", kafka.bootstrapServers(), layout.kafka(),
                layout.kafkaCredentials());
        return kafka;
    }

    static Path auditClientConfig(StackLayout layout) {
        return layout.kafkaCredentials().resolve(com.cloudquant.liberator.tokenlog.TokenTopicAccessSetup.AUDIT_USER + ".properties");
    }
}
