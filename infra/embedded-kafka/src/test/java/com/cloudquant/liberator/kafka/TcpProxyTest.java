package com.cloudquant.liberator.kafka;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy's three faults against a real echo server: silence, reset, and back to normal. */
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread pump = new Thread(() -> echoAll(socket));
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.forwardingTo(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void blackholeKeepsConnectionsOpenButSilentAndRestoreResetsThemAndForwardsAgain() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, 'a')).isEqualTo('a');
            proxy.blackhole();
            assertThatThrownBy(() -> roundTrip(before, 'b')).isInstanceOf(SocketTimeoutException.class);
            try (Socket during = connect()) {
                assertThatThrownBy(() -> roundTrip(during, 'c')).isInstanceOf(SocketTimeoutException.class);
                proxy.restore();
                assertThatThrownBy(() -> roundTrip(during, 'd')).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> roundTrip(before, 'e')).isInstanceOf(IOException.class);
        }
        try (Socket after = connect()) {
            assertThat(roundTrip(after, 'f')).isEqualTo('f');
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(3);
    }

    @Test
    void dropConnectionsResetsOpenOnesAndLeavesNewOnesWorking() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, 'a')).isEqualTo('a');
            proxy.dropConnections();
            assertThatThrownBy(() -> roundTrip(open, 'b')).isInstanceOf(IOException.class);
        }
        try (Socket next = connect()) {
            assertThat(roundTrip(next, 'c')).isEqualTo('c');
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(500);
        return socket;
    }

    /** Sends one byte and reads the echo; -1 (end of stream) counts as a reset connection. */
    private static char roundTrip(Socket socket, char c) throws IOException {
        socket.getOutputStream().write(c);
        socket.getOutputStream().flush();
        int read = socket.getInputStream().read();
        if (read < 0) {
            throw new IOException("connection closed by the proxy");
        }
        return (char) read;
    }

    private static void echoAll(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                out.flush();
            }
        } catch (IOException closed) {
            // the proxy went away
        }
    }
}
