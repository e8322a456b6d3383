package com.cloudquant.liberator.kafka;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * Several real Kafka nodes in this JVM, each a combined broker+controller, sharing one controller
 * quorum, for tests of replication 3 / {@code min.insync.replicas=2} and of losing a broker.
 * Node ids are {@code 1..n}; each node has its own port on 127.0.0.1 and its own log directory.
 * Internal topics are replicated on up to three nodes with min ISR 2 (from three nodes on), so
 * transactions and consumer groups keep working while one node is stopped.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().nodes(3).build().start()) {
 *     new TokenTopic("tokens", (short) 3, 2).createIn(cluster);
 *     cluster.stopNode(2);   // writes with acks=all still succeed on the two others
 *     cluster.startNode(2);  // it catches up from the others
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements KafkaBroker {

    private final QuorumLifecycle lifecycle;

    private EmbeddedKafkaCluster(QuorumLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts all nodes together (each needs a controller majority) and waits for all of them. */
    @Override
    public EmbeddedKafkaCluster start() {
        lifecycle.start();
        return this;
    }

    /** All nodes' addresses, comma-separated, fixed at the first start. */
    @Override
    public String bootstrapServers() {
        return lifecycle.quorum().bootstrapServers();
    }

    public int size() {
        return lifecycle.quorum().size();
    }

    /** Stops one node, keeping its port and data for {@link #startNode(int)}. */
    public void stopNode(int nodeId) {
        lifecycle.quorum().node(nodeId).stop();
    }

    /** Starts a stopped node again; it needs a controller majority among the running nodes. */
    public void startNode(int nodeId) {
        lifecycle.quorum().node(nodeId).start();
    }

    public boolean isNodeRunning(int nodeId) {
        return lifecycle.quorum().node(nodeId).isRunning();
    }

    /** The super user's client settings when built with {@link Builder#scram}, else none. */
    @Override
    public Map<String, String> adminClientProperties() {
        return lifecycle.adminClientProperties();
    }

    @Override
    public boolean supportsRestart() {
        return true;
    }

    /** Stops every node; {@link #start()} brings all back on the same ports with their data. */
    @Override
    public void stop() {
        lifecycle.stop();
    }

    /** Stops every node and deletes the data directory unless it was given explicitly. */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** Options of an {@link EmbeddedKafkaCluster}; every one has a default. */
    public static final class Builder {

        private int nodes = 3;
        private final QuorumOptions options = new QuorumOptions();

        private Builder() {
        }

        /** How many combined nodes; 3 by default. Every node is a controller, so use an odd number. */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /**
         * Parent of the nodes' log directories ({@code node-1}, ...; a one-node cluster uses it
         * directly), kept on close. A temporary directory, deleted on close, by default.
         */
        public Builder dataDirectory(Path dataDirectory) {
            options.dataDirectory(dataDirectory);
            return this;
        }

        /**
         * Lets in only SASL/SCRAM-SHA-512 users and authorises every request with KRaft's
         * {@code StandardAuthorizer}: {@code admin} is the super user, every other user may do
         * only what ACLs grant it (none exist until the admin creates them). The users are written
         * into the metadata when the data directory is formatted, so on an existing directory
         * they are the ones it was first formatted with.
         */
        public Builder scram(ScramUser admin, java.util.List<ScramUser> users) {
            options.scram(admin, users);
            return this;
        }

        /** Sets one broker property on every node, overriding our defaults. */
        public Builder brokerProperty(String name, String value) {
            options.brokerProperty(name, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** Builds a cluster that is not started yet; ports are picked at the first start. */
        public EmbeddedKafkaCluster build() {
            return new EmbeddedKafkaCluster(options.lifecycle(Collections.nCopies(nodes, 0)));
        }
    }
}
