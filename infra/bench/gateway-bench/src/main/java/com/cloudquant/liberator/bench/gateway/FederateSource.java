package com.cloudquant.liberator.bench.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in Prometheus whose /federate answers {@code megabytes} MB of exposition text,
 * generated while streaming (the real one would need millions of series in its TSDB).
 */
final class FederateSource implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final long bytes;

    FederateSource(long megabytes) throws IOException {
        this.bytes = megabytes * 1024 * 1024;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::federate);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void federate(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            StringBuilder chunk = new StringBuilder(70_000);
            long written = 0;
            long series = 0;
            while (written < bytes) {
                chunk.setLength(0);
                while (chunk.length() < 64_000) {
                    chunk.append("bench_series_total{job=\"bench\",instance=\"10.0.0.").append(series % 250)
                            .append(":9100\",series=\"").append(series).append("\"} ").append(series * 7)
                            .append(" 1700000000000\n");
                    series++;
                }
                byte[] data = chunk.toString().getBytes(StandardCharsets.UTF_8);
                int length = (int) Math.min(data.length, bytes - written);
                out.write(data, 0, length);
                written += length;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // its threads would keep the benchmark JVM alive
    }
}
