package com.cloudquant.liberator.gateway.scope;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scrape target serving a fixed text exposition: the fixture's current values, with the HELP
 * and TYPE lines Prometheus keeps as metric metadata. Counts the scrapes it served and failed.
 */
final class FixtureExporter implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private FixtureExporter(HttpServer server) {
        this.server = server;
    }

    static FixtureExporter start(String exposition) {
        byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FixtureExporter exporter = new FixtureExporter(server);
            server.createContext("/metrics", exchange -> {
                try (OutputStream out = exchange.getResponseBody()) {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    out.write(body);
                    exporter.served.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    exporter.failed.incrementAndGet();
                    throw e;
                }
            });
            server.start();
            return exporter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} as a scrape config names it. */
    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int served() {
        return served.get();
    }

    int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
