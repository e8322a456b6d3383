package com.cloudquant.liberator.kafka;

import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker+controller) running in this JVM,
 * listening on {@code 127.0.0.1} only. The first broker in a JVM starts in about two seconds
 * (class loading), later ones and restarts in well under one.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     TokenTopic.local().createIn(kafka);
 *     // clients use kafka.bootstrapServers()
 *     kafka.stop();   // Kafka goes down: same port and data when it comes back
 *     kafka.start();
 * }
 * }</pre>
 *
 * <p>Thread counts, buffers and internal-topic partition counts are kept small for a 2-core
 * machine; internal topics use replication 1 and min ISR 1, so transactional producers and
 * consumer groups work. Topics are not auto-created (production creates them explicitly); set
 * {@code auto.create.topics.enable=true} with {@link Builder#brokerProperty} if a test needs it.
 */
public final class EmbeddedKafka extends QuorumBroker {

    private EmbeddedKafka(QuorumLifecycle lifecycle) {
        super(lifecycle);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory on first use, then blocks until the broker accepts clients. */
    @Override
    public EmbeddedKafka start() {
        lifecycle.start();
        return this;
    }

    /** The port clients connect to; fixed at the first start. */
    public int port() {
        return lifecycle.quorum().node(1).address().brokerPort();
    }

    /** The directory holding the broker's logs and metadata; fixed at the first start. */
    public Path dataDirectory() {
        return lifecycle.dataDirectory();
    }

    /** False before the first start, after {@link #stop()} and after {@link #close()}. */
    public boolean isRunning() {
        return lifecycle.hasStarted() && lifecycle.quorum().node(1).isRunning();
    }

    /** Whether {@link #start()} was called at least once, i.e. the address is fixed. */
    boolean hasStarted() {
        return lifecycle.hasStarted();
    }

    /** Options of an {@link EmbeddedKafka}; every one has a default (see {@link QuorumBuilder} for the shared ones). */
    public static final class Builder extends QuorumBuilder<Builder> {

        private int port;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one at the first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds a second client listener bound on {@code port} but advertised at
         * {@code advertisedPort}, e.g. a {@link TcpProxy}'s port: clients that bootstrap at
         * {@code 127.0.0.1:advertisedPort} then reach the broker only through the proxy, while
         * {@link #bootstrapServers()} stays direct.
         *
         * @param name an upper-case listener name, e.g. {@code PROXIED}
         */
        public Builder listener(String name, int port, int advertisedPort) {
            extraListener(new ExtraListener(name, port, advertisedPort));
            return this;
        }

        /** Builds a broker that is not started yet. */
        public EmbeddedKafka build() {
            return new EmbeddedKafka(lifecycle(List.of(port)));
        }
    }
}
