package com.cloudquant.liberator.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for a gateway replica or the token-service behind nginx: answers every request
 * with its own name and a settable status, and keeps the last request it was sent.
 */
final class FakeUpstream implements AutoCloseable {

    record Seen(String method, String target, com.sun.net.httpserver.Headers headers, String body) {
    }

    private final String name;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicReference<Seen> last = new AtomicReference<>();
    private final int port;
    private HttpServer server;

    private FakeUpstream(String name, int port) throws IOException {
        this.name = name;
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    static FakeUpstream start(String name) throws IOException {
        return new FakeUpstream(name, 0);
    }

    int port() {
        return port;
    }

    void answer(int code) {
        status.set(code);
    }

    int served() {
        return served.get();
    }

    Seen last() {
        return last.get();
    }

    /** Stops listening: connections to the port are refused until {@link #restart()}. */
    void stop() {
        server.stop(0);
    }

    void restart() throws IOException {
        server = listen(port);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 16);
        created.createContext("/", this::handle);
        created.start();
        return created;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        last.set(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders(), body));
        byte[] answer = name.getBytes(StandardCharsets.UTF_8);
        int code = status.get();
        if (code < 500) {
            served.incrementAndGet();
        }
        exchange.sendResponseHeaders(code, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
