package com.cloudquant.liberator.tokenservice.support;

import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian package {@code prometheus}) whose storage holds a {@link GatewayHistory}
 * written by {@code promtool tsdb create-blocks-from openmetrics} before it starts: known values at
 * known instants, without waiting 75 minutes for a scrape. It scrapes nothing.
 */
public final class BackfilledPrometheus implements AutoCloseable {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Process process;
    private final String url;
    private final GatewayHistory history;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BackfilledPrometheus(Process process, int port, GatewayHistory history) {
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
        this.history = history;
    }

    /** Writes the last 75 minutes of gateway metrics, starts Prometheus on them, returns once it answers. */
    public static BackfilledPrometheus start(Path dir) throws IOException, InterruptedException {
        for (Path binary : new Path[] {PROMETHEUS, PROMTOOL}) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " not found: install the Debian package 'prometheus' (apt-get install -y prometheus)");
            }
        }
        long now = Instant.now().getEpochSecond();
        GatewayHistory history = new GatewayHistory(now / GatewayHistory.SAMPLE_INTERVAL * GatewayHistory.SAMPLE_INTERVAL);
        Path input = Files.writeString(dir.resolve("history.om"), history.openMetrics());
        Path data = dir.resolve("data");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), data.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile()).start();
        if (!promtool.waitFor(60, TimeUnit.SECONDS) || promtool.exitValue() != 0) {
            promtool.destroyForcibly();
            throw new IllegalStateException("promtool could not write the history: " + Files.readString(dir.resolve("promtool.log")));
        }
        int port = FreePort.distinct(1)[0];
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        Process process = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        BackfilledPrometheus prometheus = new BackfilledPrometheus(process, port, history);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue() + ", see " + dir);
                }
                try {
                    return prometheus.get("/api/v1/query?query=" + URLEncoder.encode("count(up)", StandardCharsets.UTF_8))
                            .body().contains("\"3\"");
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            prometheus.close(); // never leave a Prometheus behind that no test will stop
            throw e;
        }
        return prometheus;
    }

    public String url() {
        return url;
    }

    public GatewayHistory history() {
        return history;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
