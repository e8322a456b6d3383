package com.cloudquant.liberator.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a currently free TCP port on the loopback address.
 *
 * <p>Kafka could bind port 0 itself, but the port must be known before start-up (the controller
 * quorum names its voters by address) and must stay the same across a restart, so we choose it.
 * The small race with another process grabbing it in between is accepted for tests.
 */
final class FreePort {

    static final String LOOPBACK = "127.0.0.1";

    private FreePort() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    static int pickIfZero(int port) {
        return port == 0 ? pick() : port;
    }
}
