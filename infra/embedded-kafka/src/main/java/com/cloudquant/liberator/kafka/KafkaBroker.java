package com.cloudquant.liberator.kafka;

/**
 * A Kafka broker (or cluster) that a test talks to only through its bootstrap address, so the
 * same test can run against the in-process {@link EmbeddedKafka} or a Docker-backed
 * {@link KafkaContainerBroker}.
 *
 * <p>Lifecycle: {@link #start()} once, optionally {@link #stop()} and {@link #start()} again when
 * {@link #supportsRestart()} is true (same address, data kept), and {@link #close()} at the end.
 */
public interface KafkaBroker extends AutoCloseable {

    /**
     * Starts the broker, or restarts it after {@link #stop()}. Returns once clients can connect.
     * Starting a running broker does nothing.
     *
     * @return this broker, for chaining
     */
    KafkaBroker start();

    /**
     * The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. It stays the
     * same across {@link #stop()} and {@link #start()}.
     *
     * @throws IllegalStateException before the first {@link #start()}
     */
    String bootstrapServers();

    /**
     * Client settings that sign in as the broker's super user, for creating topics and ACLs;
     * empty when the broker lets every client in unauthenticated (the default).
     */
    default java.util.Map<String, String> adminClientProperties() {
        return java.util.Map.of();
    }

    /** Whether {@link #stop()} followed by {@link #start()} keeps the address and the data. */
    boolean supportsRestart();

    /**
     * Stops the broker but keeps its address and data so that {@link #start()} brings it back;
     * clients see connection failures meanwhile.
     *
     * @throws UnsupportedOperationException if {@link #supportsRestart()} is false
     */
    void stop();

    /** Stops the broker for good and releases what it owns. Safe to call twice. */
    @Override
    void close();
}
