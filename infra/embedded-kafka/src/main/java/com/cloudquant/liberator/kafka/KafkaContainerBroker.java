package com.cloudquant.liberator.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single Kafka broker in Docker ({@code apache/kafka} image) through Testcontainers, for
 * machines that have a Docker engine. Guard tests with
 * {@code @Testcontainers(disabledWithoutDocker = true)} so they are skipped elsewhere.
 *
 * <p>Restart is not supported: the container advertises the host port Docker mapped at its first
 * start, and a restarted container may be given another one.
 */
public final class KafkaContainerBroker implements KafkaBroker {

    /** The image matching the Kafka client and server version this project builds against. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    /** A broker from {@link #DEFAULT_IMAGE}. */
    public KafkaContainerBroker() {
        this(DEFAULT_IMAGE);
    }

    public KafkaContainerBroker(String image) {
        this(new KafkaContainer(DockerImageName.parse(image)));
    }

    /** Wraps a container configured by the caller (environment, network, image). */
    public KafkaContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    @Override
    public KafkaContainerBroker start() {
        container.start();
        return this;
    }

    @Override
    public String bootstrapServers() {
        if (!container.isRunning()) {
            throw new IllegalStateException("Kafka container is not running; call start() first");
        }
        return container.getBootstrapServers();
    }

    @Override
    public boolean supportsRestart() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException(
                "a Kafka container cannot be restarted on the same port; use EmbeddedKafka for outage tests");
    }

    @Override
    public void close() {
        container.stop();
    }
}
