package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.FreePort;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Properties of a {@link ForkedKafkaCluster}: one controller-only node that is the whole raft
 * quorum, and broker-only nodes. Killing any number of brokers leaves the controller quorum
 * intact, so the controller keeps fencing dead brokers, shrinking ISRs and electing leaders.
 */
final class SplitRoleSettings {

    /** Above every broker id, so the ids of brokers stay 1..n as in the combined cluster. */
    static final int CONTROLLER_ID = 100;

    private SplitRoleSettings() {
    }

    static Map<String, Object> controller(NodeAddress controller, Path logDir, int brokers,
                                          Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(NodeSettings.common(brokers));
        props.put("process.roles", "controller");
        props.put("node.id", Integer.toString(controller.nodeId()));
        props.put("controller.quorum.voters", controller.voter());
        props.put("listeners", NodeSettings.CONTROLLER_LISTENER + "://" + FreePort.LOOPBACK + ":" + controller.controllerPort());
        props.put("listener.security.protocol.map", NodeSettings.CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", NodeSettings.CONTROLLER_LISTENER);
        props.put("log.dirs", logDir.toString());
        props.putAll(overrides);
        return props;
    }

    static Map<String, Object> broker(NodeAddress broker, NodeAddress controller, Path logDir, int brokers,
                                      Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(NodeSettings.common(brokers));
        String address = NodeSettings.BROKER_LISTENER + "://" + broker.bootstrapServer();
        props.put("process.roles", "broker");
        props.put("node.id", Integer.toString(broker.nodeId()));
        props.put("controller.quorum.voters", controller.voter());
        props.put("listeners", address);
        props.put("advertised.listeners", address);
        props.put("listener.security.protocol.map",
                NodeSettings.BROKER_LISTENER + ":PLAINTEXT," + NodeSettings.CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", NodeSettings.CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", NodeSettings.BROKER_LISTENER);
        props.put("log.dirs", logDir.toString());
        props.putAll(overrides);
        return props;
    }
}
