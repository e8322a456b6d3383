package com.cloudquant.liberator.kafka;

import java.util.Map;

/**
 * What {@link EmbeddedKafka} and {@link EmbeddedKafkaCluster} do alike: both are a
 * {@link QuorumLifecycle} of in-process nodes, one or several, that stop and start again on the
 * same ports with their data.
 */
abstract class QuorumBroker implements KafkaBroker {

    final QuorumLifecycle lifecycle;

    QuorumBroker(QuorumLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Every node's address, comma-separated; fixed at the first start. */
    @Override
    public String bootstrapServers() {
        return lifecycle.quorum().bootstrapServers();
    }

    /** The super user's client settings when built with {@code scram(…)}, else none. */
    @Override
    public Map<String, String> adminClientProperties() {
        return lifecycle.adminClientProperties();
    }

    @Override
    public boolean supportsRestart() {
        return true;
    }

    /** Stops every node cleanly; {@link #start()} brings them back on the same ports with their data. */
    @Override
    public void stop() {
        lifecycle.stop();
    }

    /** Stops every node and deletes the data directory unless it was given explicitly. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
