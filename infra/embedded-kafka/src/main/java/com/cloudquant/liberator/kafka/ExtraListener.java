package com.cloudquant.liberator.kafka;

/**
 * A second client listener of a broker: bound on {@code port}, but advertised to clients at
 * {@code advertisedPort}. Clients that bootstrap through it are told to reconnect to the
 * advertised port, so a proxy listening there sees every connection they make (a proxy in
 * front of the ordinary listener would see only the bootstrap connection).
 */
record ExtraListener(String name, int port, int advertisedPort) {

    ExtraListener {
        if (!name.matches("[A-Z][A-Z_]*") || name.equals(NodeSettings.BROKER_LISTENER)
                || name.equals(NodeSettings.CONTROLLER_LISTENER)
                || name.equals(ScramAuthentication.CLIENT_LISTENER)) {
            throw new IllegalArgumentException("listener name must be upper case letters and not "
                    + NodeSettings.BROKER_LISTENER + ", " + ScramAuthentication.CLIENT_LISTENER + " or "
                    + NodeSettings.CONTROLLER_LISTENER + ", got " + name);
        }
        if (port < 1 || port > 65535 || advertisedPort < 1 || advertisedPort > 65535) {
            throw new IllegalArgumentException("listener ports must be 1..65535, got " + port + " and " + advertisedPort);
        }
    }
}
