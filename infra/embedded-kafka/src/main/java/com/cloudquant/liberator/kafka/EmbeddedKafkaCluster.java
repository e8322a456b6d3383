package com.cloudquant.liberator.kafka;

import java.util.Collections;

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
public final class EmbeddedKafkaCluster extends QuorumBroker {

    private EmbeddedKafkaCluster(QuorumLifecycle lifecycle) {
        super(lifecycle);
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

    /** Options of an {@link EmbeddedKafkaCluster}; every one has a default (see {@link QuorumBuilder} for the shared ones). */
    public static final class Builder extends QuorumBuilder<Builder> {

        private int nodes = 3;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** How many combined nodes; 3 by default. Every node is a controller, so use an odd number. */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** Builds a cluster that is not started yet; ports are picked at the first start. */
        public EmbeddedKafkaCluster build() {
            return new EmbeddedKafkaCluster(lifecycle(Collections.nCopies(nodes, 0)));
        }
    }
}
