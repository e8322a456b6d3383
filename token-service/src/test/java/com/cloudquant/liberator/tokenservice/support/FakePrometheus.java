package com.cloudquant.liberator.tokenservice.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Answers Prometheus instant queries with fixed values, and range queries with no series, shaped like Prometheus's HTTP API. */
public final class FakePrometheus implements AutoCloseable {

    private final HttpServer server;

    private FakePrometheus(HttpServer server) {
        this.server = server;
    }

    /** {@code values}: query → sample value; any other query gets an empty vector. */
    public static FakePrometheus start(Map<String, String> values) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/query", exchange -> {
                String raw = exchange.getRequestURI().getRawQuery();
                String query = raw == null ? "" : URLDecoder.decode(raw.replaceFirst("^query=", ""), StandardCharsets.UTF_8);
                String value = values.get(query);
                String result = value == null ? "[]" : "[{\"metric\":{},\"value\":[1764100000.0,\"" + value + "\"]}]";
                byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // the charts' range queries: no series, so the page's charts say "no data yet"
            server.createContext("/api/v1/query_range", exchange -> {
                byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new FakePrometheus(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
