package com.cloudquant.liberator.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A fake Prometheus that records every request it receives and can be made slow. */
public final class RecordingUpstream implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch gate;
    private volatile byte[] streamFirst;
    private final Map<String, byte[]> answersByPath = new ConcurrentHashMap<>();

    public RecordingUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
        answered.clear();
    }

    /** Query strings of the answers sent so far (or attempted, if the gateway had already gone). */
    public List<String> answered() {
        return List.copyOf(answered);
    }

    /** Answers requests for {@code rawPath} with {@code json} instead of the empty vector. */
    public void answer(String rawPath, String json) {
        answersByPath.put(rawPath, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Each answer waits this long first (to provoke the gateway's response timeout). */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Answers wait until the returned latch is opened (to hold requests in flight). */
    public CountDownLatch hold() {
        gate = new CountDownLatch(1);
        return gate;
    }

    /**
     * The next answers send {@code first} as a chunk, then wait until {@link #release()}
     * before ending: a client that sees {@code first} early proves the gateway streams.
     */
    public CountDownLatch streamThenHold(byte[] first) {
        streamFirst = first;
        return hold();
    }

    public void release() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        byte[] first = streamFirst;
        if (first != null) {
            streamFirst = null;
            streamAndHold(exchange, first);
            return;
        }
        try {
            CountDownLatch current = gate;
            if (current != null) {
                current.await(30, TimeUnit.SECONDS);
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] answer = answersByPath.getOrDefault(exchange.getRequestURI().getRawPath(),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Set-Cookie", "upstream=secret");
        // which request this answers: a late answer must never be handed to a later request
        exchange.getResponseHeaders().add("X-Answer-To", String.valueOf(exchange.getRequestURI().getRawQuery()));
        try {
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException clientGone) {
            // the gateway gave up (timeout): nothing to answer
        }
        exchange.close();
        answered.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
    }

    private void streamAndHold(HttpExchange exchange, byte[] first) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(first);
        exchange.getResponseBody().flush();
        try {
            CountDownLatch current = gate;
            if (current != null) {
                current.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.getResponseBody().write("# end\n".getBytes(StandardCharsets.UTF_8));
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** One request as upstream saw it. Header names as the JDK server normalizes them (First-letter capital). */
    public record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", entry.getValue());
                }
            }
            return null;
        }
    }
}
