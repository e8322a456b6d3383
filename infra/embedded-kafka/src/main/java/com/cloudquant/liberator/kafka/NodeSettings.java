package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.FreePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Broker properties of one combined broker+controller KRaft node, tuned for a 2-core test box.
 *
 * <p>Defaults are chosen so that everything a production cluster does still works (transactions,
 * consumer groups, idempotent producers) while keeping threads and buffers few and small.
 * Overrides given by the caller win over every default, including the listeners.
 */
final class NodeSettings {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private NodeSettings() {
    }

    static Map<String, Object> forNode(NodeAddress node, List<NodeAddress> quorum, Path logDir,
                                       List<ExtraListener> extraListeners, Optional<ScramAuthentication> authentication,
                                       Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(common(quorum.size()));
        props.putAll(identity(node, quorum, logDir, extraListeners, authentication.isPresent()));
        authentication.ifPresent(auth -> {
            List<String> clientListeners = new ArrayList<>(List.of(clientListener(true)));
            extraListeners.forEach(extra -> clientListeners.add(extra.name()));
            props.putAll(auth.brokerProperties(clientListeners));
        });
        props.putAll(overrides);
        return props;
    }

    /** Everything but a node's identity and listeners, for {@code nodes} brokers. */
    static Map<String, Object> common(int nodes) {
        Map<String, Object> props = new HashMap<>();
        props.putAll(replication(nodes));
        if (nodes > 1) {
            props.putAll(fastFailover());
        }
        props.putAll(lean());
        return props;
    }

    /** The client (and inter-broker) listener: plain, or SASL when users must sign in. */
    static String clientListener(boolean authenticated) {
        return authenticated ? ScramAuthentication.CLIENT_LISTENER : BROKER_LISTENER;
    }

    private static Map<String, Object> identity(NodeAddress node, List<NodeAddress> quorum, Path logDir,
                                                List<ExtraListener> extraListeners, boolean authenticated) {
        String host = FreePort.LOOPBACK;
        String client = clientListener(authenticated);
        String protocol = authenticated ? "SASL_PLAINTEXT" : "PLAINTEXT";
        StringBuilder listeners = new StringBuilder(client + "://" + host + ":" + node.brokerPort() + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + node.controllerPort());
        StringBuilder advertised = new StringBuilder(client + "://" + host + ":" + node.brokerPort());
        StringBuilder protocols = new StringBuilder(client + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        for (ExtraListener extra : extraListeners) {
            listeners.append(',').append(extra.name()).append("://").append(host).append(':').append(extra.port());
            advertised.append(',').append(extra.name()).append("://").append(host).append(':').append(extra.advertisedPort());
            protocols.append(',').append(extra.name()).append(':').append(protocol);
        }
        return Map.of(
                "process.roles", "broker,controller",
                "node.id", Integer.toString(node.nodeId()),
                "controller.quorum.voters", quorum.stream().map(NodeAddress::voter).collect(Collectors.joining(",")),
                "listeners", listeners.toString(),
                "advertised.listeners", advertised.toString(),
                "listener.security.protocol.map", protocols.toString(),
                "controller.listener.names", CONTROLLER_LISTENER,
                "inter.broker.listener.name", client,
                "log.dirs", logDir.toString());
    }

    /**
     * Internal topics must be creatable on this many nodes, or transactional producers and
     * consumer groups hang waiting for them. A cluster of three survives one stopped node.
     */
    private static Map<String, Object> replication(int nodes) {
        String factor = Integer.toString(Math.min(nodes, 3));
        String minIsr = nodes >= 3 ? "2" : "1";
        return Map.of(
                "default.replication.factor", factor,
                "min.insync.replicas", "1",
                "offsets.topic.replication.factor", factor,
                "transaction.state.log.replication.factor", factor,
                "transaction.state.log.min.isr", minIsr,
                "share.coordinator.state.topic.replication.factor", factor,
                "share.coordinator.state.topic.min.isr", minIsr);
    }

    /**
     * A node stopped while it hosts the active controller may leave its broker registered and
     * unfenced until its session expires; restarting it is refused until then (9 s by default).
     */
    private static Map<String, Object> fastFailover() {
        return Map.of(
                "broker.heartbeat.interval.ms", "500",
                "broker.session.timeout.ms", "3000");
    }

    private static Map<String, Object> lean() {
        Map<String, Object> props = new HashMap<>();
        props.put("num.network.threads", "1");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("num.replica.fetchers", "1");
        props.put("group.coordinator.threads", "1");
        props.put("share.coordinator.threads", "1");
        props.put("log.cleaner.threads", "1");
        // The default 128 MB dedupe buffer is allocated up front; 2 MB is plenty for test topics.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // 50 partitions per internal topic cost seconds to create on first use; one is enough here.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("num.partitions", "1");
        // A consumer group would otherwise wait 3 s for more members before its first assignment.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Production creates its topics explicitly with audited settings; a topic silently
        // auto-created with defaults would hide exactly that bug. Override to re-enable.
        props.put("auto.create.topics.enable", "false");
        return props;
    }
}
