package com.cloudquant.liberator.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports on the loopback address for programs that must be told their port before they
 * start (a Kafka quorum names its voters by address; a service's management port goes on its
 * command line).
 *
 * <p>Ports come from below the kernel's ephemeral range (Linux: {@code ip_local_port_range},
 * 32768–60999 by default): a port the kernel handed out for {@code bind(0)} is also the pool every
 * outgoing connection takes its local port from, and a test starting services next to Kafka
 * clients opens many of those, so a port picked there could be taken before the program binds it.
 * A port is handed out at most once per JVM, so two programs of one test never get the same one;
 * another process binding it in between is the race that remains, accepted for tests and benchmarks.
 */
public final class FreePort {

    /** The address every picked port is on, and every program here binds. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final int FIRST = 10_000;
    private static final int ATTEMPTS = 1_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePort() {
    }

    /** A port nothing listens on now, never handed out before by this JVM. */
    public static synchronized int pick() {
        int end = ephemeralStart();
        if (end - FIRST < ATTEMPTS) { // no room below the ephemeral range: let the kernel choose
            return kernelChoice();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, end);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " between " + FIRST + " and " + end);
    }

    /** {@code count} ports, each as {@link #pick()}, all different. */
    public static int[] distinct(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = pick();
        }
        return ports;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChoice() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " that this JVM has not handed out");
    }

    /** The first port of the kernel's ephemeral range; 32768 where it cannot be read (not Linux). */
    private static int ephemeralStart() {
        try {
            // line by line: a /proc file reports size 0, and a read sized by it returns a fragment
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
