package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.FreePort;

/** The two loopback ports of one combined broker+controller node, fixed for its whole life. */
record NodeAddress(int nodeId, int brokerPort, int controllerPort) {

    static NodeAddress pick(int nodeId, int brokerPort) {
        return new NodeAddress(nodeId, brokerPort == 0 ? FreePort.pick() : brokerPort, FreePort.pick());
    }

    String bootstrapServer() {
        return FreePort.LOOPBACK + ":" + brokerPort;
    }

    /** This node's entry in {@code controller.quorum.voters}. */
    String voter() {
        return nodeId + "@" + FreePort.LOOPBACK + ":" + controllerPort;
    }
}
