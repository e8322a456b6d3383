package com.cloudquant.liberator.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The start / stop / start / close life of a {@link KafkaQuorum}, shared by the single broker
 * and the cluster. Ports and directories are fixed at the first start and kept until close, so
 * a restart is invisible to clients apart from the outage.
 */
final class QuorumLifecycle {

    private final List<Integer> brokerPorts;
    private final Optional<Path> explicitDataDirectory;
    private final Map<String, String> overrides;
    private DataDirectory data;
    private KafkaQuorum quorum;
    private boolean closed;

    QuorumLifecycle(List<Integer> brokerPorts, Optional<Path> explicitDataDirectory, Map<String, String> overrides) {
        this.brokerPorts = List.copyOf(brokerPorts);
        this.explicitDataDirectory = explicitDataDirectory;
        this.overrides = Map.copyOf(overrides);
    }

    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this embedded Kafka is closed; build a new one");
        }
        if (quorum == null) {
            data = explicitDataDirectory.map(DataDirectory::explicit).orElseGet(DataDirectory::temporary);
            quorum = KafkaQuorum.create(brokerPorts, data, overrides);
        }
        quorum.startAll();
    }

    synchronized void stop() {
        if (quorum != null) {
            quorum.stopAll();
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (data != null) {
                data.release();
            }
        }
    }

    synchronized boolean hasStarted() {
        return quorum != null;
    }

    synchronized KafkaQuorum quorum() {
        if (quorum == null) {
            throw new IllegalStateException("embedded Kafka has no address yet; call start() first");
        }
        return quorum;
    }

    synchronized Path dataDirectory() {
        if (data == null) {
            throw new IllegalStateException("embedded Kafka has no data directory yet; call start() first");
        }
        return data.path();
    }
}
