package com.cloudquant.liberator.promql.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus 2.42 (Debian package {@code prometheus}) on a free loopback port, scraping
 * nothing, its TSDB backfilled with {@code promtool tsdb create-blocks-from openmetrics} from a
 * fixture, so queries have data to disagree on.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Process process;
    private final String url;
    private final HttpClient client = HttpClient.newHttpClient();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
    }

    /** Backfills {@code openMetrics} into {@code dir}/data, starts Prometheus on it, waits until it answers. */
    public static PrometheusServer start(Path dir, String openMetrics) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMETHEUS) || !Files.isExecutable(PROMTOOL)) {
            throw new IllegalStateException("install the Debian package 'prometheus' (apt-get install -y prometheus)");
        }
        Path input = Files.writeString(dir.resolve("fixture.om"), openMetrics);
        Path data = dir.resolve("data");
        Process backfill = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), data.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
        if (!backfill.waitFor(60, TimeUnit.SECONDS) || backfill.exitValue() != 0) {
            throw new IllegalStateException("promtool backfill failed: " + Files.readString(dir.resolve("promtool.log")));
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        int port = freePort();
        Process process = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue());
            }
            try {
                return server.client.send(HttpRequest.newBuilder(URI.create(server.url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return server;
    }

    /** Prometheus's answer to an instant query at {@code time} (seconds), sent as a POST form. */
    public Answer query(String query, long time) {
        return post("/api/v1/query", "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + time);
    }

    /** Prometheus's answer to {@code /api/v1/series} with one {@code match[]}. */
    public Answer series(String match) {
        return post("/api/v1/series", "match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8));
    }

    private Answer post(String path, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP status and JSON body; a parse error is 400 with errorType bad_data. */
    public record Answer(int status, String body) {
        public boolean parseError() {
            return status == 400 && body.contains("\"errorType\":\"bad_data\"");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
