package com.cloudquant.liberator.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How {@link ChildProcess#awaitReady} tells that a program serves: a port that accepts, a URL
 * that answers 200, a line in its output, or a check of the caller's own. A check that throws
 * {@link IOException} means "not yet" (nothing listens yet).
 */
public final class Readiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** One look at the program; asked again every 100 ms until it says yes. */
    @FunctionalInterface
    public interface Check {
        boolean isReady(ChildProcess process) throws IOException;
    }

    private final String description;
    private final Check check;

    private Readiness(String description, Check check) {
        this.description = description;
        this.check = check;
    }

    /** A check of the caller's own; {@code description} says what it waits for, in failure messages. */
    public static Readiness of(String description, Check check) {
        return new Readiness(description, check);
    }

    /** Something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static Readiness tcpPort(int port) {
        return of("a connection to 127.0.0.1:" + port, process -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PROBE_TIMEOUT.toMillis());
                return true;
            }
        });
    }

    /** {@code url} answers 200 to a GET. */
    public static Readiness httpOk(String url) {
        return http(url, body -> true);
    }

    /** {@code url} answers 200 to a GET with a body that {@code body} accepts (e.g. holding data yet). */
    public static Readiness http(String url, Predicate<String> body) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build();
        return of("HTTP 200 from " + url, process -> {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && body.test(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        });
    }

    /** The program wrote {@code text} since it was started (e.g. "started" in its log). */
    public static Readiness logLine(String text) {
        return of("\"" + text + "\" in its output", process -> process.output().contains(text));
    }

    boolean isReady(ChildProcess process) throws IOException {
        return check.isReady(process);
    }

    @Override
    public String toString() {
        return description;
    }
}
