package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.FreePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 for network-fault tests: it forwards to one target port until told
 * to {@link #blackhole()} (connections stay open but no byte moves either way, and new ones are
 * accepted and then ignored: a partition as a client sees it, with no error to react to),
 * {@link #dropConnections()} (every connection reset), or {@link #restore()}.
 *
 * <p>A Kafka client connects again to the address the broker advertises, so put the proxy in
 * front of a listener advertised at {@link #port()} ({@link EmbeddedKafka.Builder#listener}).
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final ServerSocket server;
    private final int targetPort;
    private final ProxyGate gate = new ProxyGate();
    private final AtomicLong accepted = new AtomicLong();

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards every connection to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy forwardingTo(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(FreePort.LOOPBACK));
            TcpProxy proxy = new TcpProxy(server, targetPort);
            daemon("tcp-proxy-accept-" + server.getLocalPort(), proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port on " + FreePort.LOOPBACK, e);
        }
    }

    /** A free loopback port for the target to bind, chosen before the target starts. */
    public static int freePort() {
        return FreePort.pick();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far, forwarded or not. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** From now on nothing is forwarded; every connection, old and new, stays open and silent. */
    public void blackhole() {
        int open = gate.blackhole();
        LOG.info("tcp proxy blackholed port={} target={} openSockets={}", port(), targetPort, open);
    }

    /**
     * Resets every open connection (a byte stream that lost bytes to the blackhole must not
     * resume), then forwards new connections again.
     */
    public void restore() {
        int reset = gate.restore();
        LOG.info("tcp proxy restored port={} target={} resetSockets={}", port(), targetPort, reset);
    }

    /** Resets (RST) every open connection; new connections are handled as before. */
    public void dropConnections() {
        int reset = gate.resetAll();
        LOG.info("tcp proxy dropped connections port={} target={} resetSockets={}", port(), targetPort, reset);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                connect(client);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("tcp proxy accept failed port={} error={}", port(), e.toString());
                }
            }
        }
    }

    private void connect(Socket client) throws IOException {
        if (!gate.admit(client)) {
            return; // held open, never answered, reset at restore
        }
        Socket upstream;
        try {
            upstream = new Socket(InetAddress.getByName(FreePort.LOOPBACK), targetPort);
        } catch (IOException e) {
            client.setSoLinger(true, 0);
            client.close();
            gate.forget(client);
            return;
        }
        gate.track(upstream);
        daemon("tcp-proxy-up-" + client.getPort(), () -> pump(client, upstream)).start();
        daemon("tcp-proxy-down-" + client.getPort(), () -> pump(upstream, client)).start();
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                gate.awaitForwarding(from);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side or a reset closed the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        gate.forget(socket);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        gate.resetAll();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
