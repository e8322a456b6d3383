package com.cloudquant.liberator.events;

import java.util.Map;

/**
 * The token topic as the contract defines it (docs/event-schema.md, "The topic"): its default
 * name and the settings it is created with. Defined once, here: the topic check of every reader
 * verifies these settings, test support and tools create topics from them.
 */
public final class LogTopic {

    /** The topic every service and the audit tool use unless configured otherwise. */
    public static final String DEFAULT_NAME = "liberator.metrics-tokens.v1";

    /** One partition: one total order of the log. */
    public static final int PARTITIONS = 1;

    /** Replication in production: an acknowledged event survives the loss of a broker. */
    public static final int REPLICATION_FACTOR = 3;

    /** {@code min.insync.replicas} in production, with {@link #REPLICATION_FACTOR}. */
    public static final int MIN_INSYNC_REPLICAS = 2;

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String MIN_INSYNC = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION = "unclean.leader.election.enable";

    /**
     * What every token topic holds whatever its replication: kept forever and never compacted
     * (an audit log), and no unclean leader election (a replica that missed acknowledged events
     * never becomes leader).
     */
    public static final Map<String, String> KEPT_FOREVER = Map.of(
            CLEANUP_POLICY, "delete",
            RETENTION_MS, "-1",
            RETENTION_BYTES, "-1",
            UNCLEAN_LEADER_ELECTION, "false");

    private LogTopic() {
    }

    /** Every topic-level setting a token topic is created with, for this {@code min.insync.replicas}. */
    public static Map<String, String> configs(int minInsyncReplicas) {
        Map<String, String> all = new java.util.HashMap<>(KEPT_FOREVER);
        all.put(MIN_INSYNC, Integer.toString(minInsyncReplicas));
        return Map.copyOf(all);
    }

    /** The {@code kafka-topics.sh} command that creates {@code topic} as production needs it. */
    public static String createCommand(String bootstrapServers, String topic) {
        StringBuilder command = new StringBuilder("kafka-topics.sh --bootstrap-server ").append(bootstrapServers)
                .append(" --create --topic ").append(topic).append(" --partitions ").append(PARTITIONS)
                .append(" --replication-factor ").append(REPLICATION_FACTOR);
        // a fixed order, so the command reads the same every time
        for (String key : java.util.List.of(MIN_INSYNC, RETENTION_MS, RETENTION_BYTES, CLEANUP_POLICY, UNCLEAN_LEADER_ELECTION)) {
            command.append(" --config ").append(key).append('=').append(configs(MIN_INSYNC_REPLICAS).get(key));
        }
        return command.toString();
    }
}
