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
    private final List<ExtraListener> extraListeners;
    private final Optional<ScramAuthentication> authentication;
    private final Map<String, String> overrides;
    private DataDirectory data;
    private KafkaQuorum quorum;
    private boolean closed;

    QuorumLifecycle(List<Integer> brokerPorts, Optional<Path> explicitDataDirectory,
                    List<ExtraListener> extraListeners, Optional<ScramAuthentication> authentication,
                    Map<String, String> overrides) {
        this.brokerPorts = List.copyOf(brokerPorts);
        this.authentication = authentication;
        this.explicitDataDirectory = explicitDataDirectory;
        this.extraListeners = List.copyOf(extraListeners);
        this.overrides = Map.copyOf(overrides);
    }

    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this embedded Kafka is closed; build a new one");
        }
        if (quorum != null) {
            quorum.startAll();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            data = explicitDataDirectory.map(DataDirectory::explicit).orElseGet(DataDirectory::temporary);
            quorum = KafkaQuorum.create(brokerPorts, data, extraListeners, authentication, overrides);
            try {
                quorum.startAll();
                return;
            } catch (EmbeddedKafkaException e) {
                // A port we picked as free can be taken by another process before the broker
                // binds it. When we chose everything ourselves, choose again; otherwise report.
                if (attempt == MAX_START_ATTEMPTS || !choseEverything() || !isPortTaken(e)) {
                    throw e;
                }
                data.release();
                quorum = null;
            }
        }
    }

    private static final int MAX_START_ATTEMPTS = 3;

    private boolean choseEverything() {
        return explicitDataDirectory.isEmpty() && brokerPorts.stream().allMatch(port -> port == 0);
    }

    private static boolean isPortTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
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

    /** The admin's client settings when users must sign in, else none. */
    Map<String, String> adminClientProperties() {
        return authentication.map(auth -> auth.admin().clientProperties()).orElse(Map.of());
    }

    synchronized Path dataDirectory() {
        if (data == null) {
            throw new IllegalStateException("embedded Kafka has no data directory yet; call start() first");
        }
        return data.path();
    }
}
