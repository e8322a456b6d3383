package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.LogTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, rather than assumes, that the topic can hold an audit log ({@link LogTopic}): one partition (a total
 * order), records kept forever ({@code cleanup.policy=delete}, {@code retention.ms=-1},
 * {@code retention.bytes=-1}) and none deleted (log start offset 0); when replication is
 * required, also a replication factor of at least 3, {@code min.insync.replicas} of at least 2
 * and unclean leader election off. Each violation names the setting and the command that fixes it.
 */
public final class TopicCheck {

    private final Admin admin;
    private final TokenLogSettings settings;

    public TopicCheck(Admin admin, TokenLogSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * What the topic is now.
     *
     * @param topicId    Kafka's id of the topic: a topic deleted and created again gets a new one
     * @param violations what is wrong with it, each with its fix; empty when it can be the log
     */
    public record Inspection(Uuid topicId, List<String> violations) {
        public Inspection {
            violations = List.copyOf(violations);
        }

        public boolean usable() {
            return violations.isEmpty();
        }
    }

    /**
     * Inspects the topic.
     *
     * @throws TokenLogUnavailableException when Kafka does not answer
     */
    public Inspection inspect() {
        String topic = settings.topic();
        TopicDescription description;
        try {
            description = get(admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                    .allTopicNames()).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Inspection(Uuid.ZERO_UUID, List.of("topic " + topic + " (liberator.kafka.topic) does not exist in"
                        + " Kafka at " + settings.bootstrapServers() + ": create it with `"
                        + LogTopic.createCommand(settings.bootstrapServers(), topic) + "`"));
            }
            throw unavailable("describe topic " + topic, e.getCause());
        }
        List<String> violations = new ArrayList<>();
        if (description.partitions().size() != LogTopic.PARTITIONS) {
            violations.add("topic " + topic + " has " + description.partitions().size() + " partitions; the token log needs"
                    + " exactly 1 for a total order: it cannot be repartitioned, recreate it with --partitions 1 and"
                    + " copy the log over");
        }
        Config config;
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            config = get(admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeoutMs()))
                    .all()).get(resource);
        } catch (ExecutionException e) {
            throw unavailable("describe the configuration of topic " + topic, e.getCause());
        }
        for (String key : List.of(LogTopic.CLEANUP_POLICY, LogTopic.RETENTION_MS, LogTopic.RETENTION_BYTES)) {
            require(config, key, LogTopic.KEPT_FOREVER.get(key), violations);
        }
        if (settings.requireReplicated()) {
            int replicas = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            if (replicas < LogTopic.REPLICATION_FACTOR) {
                violations.add("topic " + topic + " has replication factor " + replicas + "; liberator.kafka.require-replicated"
                        + " needs at least " + LogTopic.REPLICATION_FACTOR + ": raise it with kafka-reassign-partitions.sh, or set"
                        + " liberator.kafka.require-replicated=false for a single-broker test setup");
            }
            if (intValue(config, LogTopic.MIN_INSYNC) < LogTopic.MIN_INSYNC_REPLICAS) {
                violations.add(fix(topic, LogTopic.MIN_INSYNC, Integer.toString(LogTopic.MIN_INSYNC_REPLICAS),
                        value(config, LogTopic.MIN_INSYNC)));
            }
            require(config, LogTopic.UNCLEAN_LEADER_ELECTION, LogTopic.KEPT_FOREVER.get(LogTopic.UNCLEAN_LEADER_ELECTION),
                    violations);
        }
        long logStart = new LogEnds(admin, topic, settings.timeout()).logStart();
        if (logStart != 0) {
            violations.add("topic " + topic + " starts at offset " + logStart + ": records of the audit log were deleted;"
                    + " restore the topic from a verified copy");
        }
        return new Inspection(description.topicId(), violations);
    }

    /**
     * Kafka's id of the topic, or {@link Uuid#ZERO_UUID} when it does not exist: a cheap metadata
     * look-up, so a topic deleted and created again is noticed within seconds.
     *
     * @throws TokenLogUnavailableException when Kafka does not answer
     */
    public Uuid topicId() {
        String topic = settings.topic();
        try {
            return get(admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                    .allTopicNames()).get(topic).topicId();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Uuid.ZERO_UUID;
            }
            throw unavailable("describe topic " + topic, e.getCause());
        }
    }

    /** As {@link #inspect()}, but a violation is an exception naming every one of them. */
    public Inspection requireUsable() {
        Inspection inspection = inspect();
        if (!inspection.usable()) {
            throw new IllegalStateException("topic " + settings.topic() + " cannot hold the token log: "
                    + String.join("; ", inspection.violations()));
        }
        return inspection;
    }

    private void require(Config config, String key, String wanted, List<String> violations) {
        String actual = value(config, key);
        if (!wanted.equals(actual)) {
            violations.add(fix(settings.topic(), key, wanted, actual));
        }
    }

    private String fix(String topic, String key, String wanted, String actual) {
        return "topic " + topic + " has " + key + "=" + actual + ", the token log needs " + key + "=" + wanted
                + ": `kafka-configs.sh --bootstrap-server " + settings.bootstrapServers() + " --alter --entity-type topics"
                + " --entity-name " + topic + " --add-config " + key + "=" + wanted + "`";
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry == null ? null : entry.value();
    }

    private static int intValue(Config config, String key) {
        try {
            return Integer.parseInt(value(config, key));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unavailable("answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("answer (interrupted)", e);
        }
    }

    private TokenLogUnavailableException unavailable(String what, Throwable cause) {
        return new TokenLogUnavailableException("Kafka at " + settings.bootstrapServers() + " did not " + what
                + " within " + settings.timeout() + " (" + cause + "); " + TokenLogUnavailableException.whatToCheck(cause)
                + " (liberator.kafka.bootstrap-servers)", cause);
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    }
}
