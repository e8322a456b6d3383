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
public final class FreePort {

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

    /**
     * {@code count} ports free now and different from each other: each is held open until all
     * are found, since separate look-ups may well get the same port back.
     */
    public static int[] distinct(int count) {
        ServerSocket[] held = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                held[i] = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        } finally {
            for (ServerSocket socket : held) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is free again either way
                    }
                }
            }
        }
    }

    static int pickIfZero(int port) {
        return port == 0 ? pick() : port;
    }
}
