package com.cloudquant.liberator.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * One combined broker+controller KRaft server that can be stopped and started again on the same
 * ports and log directory. A {@link KafkaRaftServer} cannot be restarted once shut down, so each
 * start builds a fresh one from the same, unchanging properties.
 */
final class KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private final NodeAddress address;
    private final NodeStorage storage;
    private final String clusterId;
    private final Map<String, Object> properties;
    private KafkaRaftServer server;

    KafkaNode(NodeAddress address, NodeStorage storage, String clusterId, Map<String, Object> properties) {
        this.address = address;
        this.storage = storage;
        this.clusterId = clusterId;
        this.properties = Map.copyOf(properties);
    }

    NodeAddress address() {
        return address;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** Blocks until the broker is registered and unfenced, which needs a controller quorum. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        storage.formatIfNeeded(address.nodeId(), clusterId);
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutDown(candidate);
            throw new EmbeddedKafkaException("Kafka node " + address.nodeId() + " failed to start on "
                    + address.bootstrapServer() + " with log dir " + storage.logDir(), e);
        }
        server = candidate;
        LOG.info("kafka node started node={} bootstrap={} logDir={} startupMs={}", address.nodeId(),
                address.bootstrapServer(), storage.logDir(), (System.nanoTime() - started) / 1_000_000);
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        long stopping = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("kafka node stopped node={} bootstrap={} shutdownMs={}", address.nodeId(),
                address.bootstrapServer(), (System.nanoTime() - stopping) / 1_000_000);
    }

    private static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }
}
