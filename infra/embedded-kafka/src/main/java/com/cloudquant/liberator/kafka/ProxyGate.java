package com.cloudquant.liberator.kafka;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a {@link TcpProxy} under one lock: whether bytes may move, and every socket it
 * holds open, so that a reset reaches connections made before, during and after a blackhole.
 */
final class ProxyGate {

    private final List<Socket> open = new ArrayList<>();
    private boolean blackholed;

    /** Registers a client connection; returns whether it may be forwarded now. */
    synchronized boolean admit(Socket client) {
        open.add(client);
        return !blackholed;
    }

    synchronized void track(Socket socket) {
        open.add(socket);
    }

    synchronized void forget(Socket socket) {
        open.remove(socket);
    }

    /** @return how many sockets were open */
    synchronized int blackhole() {
        blackholed = true;
        return open.size();
    }

    /** Resets everything open (a stream that lost bytes to the blackhole must not resume), then forwards. */
    synchronized int restore() {
        int reset = resetAll();
        blackholed = false;
        return reset;
    }

    /** Resets (RST) every open socket and wakes the pumps waiting on the blackhole. */
    synchronized int resetAll() {
        int count = open.size();
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        open.clear();
        notifyAll();
        return count;
    }

    /** Blocks a pump while blackholed; fails once its connection was reset meanwhile. */
    synchronized void awaitForwarding(Socket from) throws InterruptedException, IOException {
        while (blackholed && !from.isClosed()) {
            wait();
        }
        if (from.isClosed()) {
            throw new IOException("connection reset by the proxy");
        }
    }
}
