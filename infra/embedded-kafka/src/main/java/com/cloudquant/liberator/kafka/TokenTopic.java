package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.events.LogTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The token audit-log topic created with the settings the contract defines ({@link LogTopic},
 * docs/event-schema.md): one partition for a total order, kept forever and never compacted,
 * no unclean leader election; only the replication differs between a test and production.
 *
 * @param name              topic name, by default {@link LogTopic#DEFAULT_NAME}
 * @param replicationFactor 1 locally, 3 in production
 * @param minInsyncReplicas 1 locally, 2 in production
 */
public record TokenTopic(String name, short replicationFactor, int minInsyncReplicas) {

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    public TokenTopic {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("minInsyncReplicas must be 1.." + replicationFactor
                    + " (the replication factor), got " + minInsyncReplicas);
        }
    }

    /** The default topic as a single local broker holds it: replication 1, min ISR 1. */
    public static TokenTopic local() {
        return local(LogTopic.DEFAULT_NAME);
    }

    /** A topic with the production settings under another name, e.g. one per test. */
    public static TokenTopic local(String name) {
        return new TokenTopic(name, (short) 1, 1);
    }

    /** The topic-level configuration the topic is created with. */
    public Map<String, String> configs() {
        return LogTopic.configs(minInsyncReplicas);
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, LogTopic.PARTITIONS, replicationFactor).configs(configs());
    }

    /**
     * Creates the topic through a short-lived Admin client, signed in as the broker's super user
     * if it has one; an existing topic is left as it is.
     */
    public TokenTopic createIn(KafkaBroker broker) {
        Map<String, Object> config = new java.util.HashMap<>(broker.adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return createIn(admin);
        }
    }

    /** Creates the topic; an existing topic is left as it is, whatever its settings. */
    public TokenTopic createIn(Admin admin) {
        try {
            admin.createTopics(List.of(toNewTopic())).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new EmbeddedKafkaException("cannot create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("topic " + name + " not created within " + ADMIN_TIMEOUT_SECONDS
                    + " s; is the broker running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating topic " + name, e);
        }
        return this;
    }
}
