package com.cloudquant.liberator.tokenservice.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian package {@code prometheus}) over samples written into its storage beforehand
 * with {@code promtool tsdb create-blocks-from openmetrics}: hours or days of history, in the seconds a
 * test has. It scrapes nothing, so what it answers is exactly what was backfilled.
 */
public final class BackfilledPrometheus implements AutoCloseable {

    private final Process process;
    private final String url;

    private BackfilledPrometheus(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Backfills {@code openMetrics} (samples with timestamps in seconds, ending in {@code # EOF}) and starts
     * Prometheus on {@code port}; returns once it answers a query for {@code readyWhen} with data.
     */
    public static BackfilledPrometheus start(Path dir, int port, String openMetrics, String readyWhen) throws IOException {
        Path input = Files.writeString(dir.resolve("backfill.om"), openMetrics);
        Path data = Files.createDirectories(dir.resolve("data"));
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", "-q",
                input.toString(), data.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes());
        try {
            if (promtool.waitFor() != 0) {
                throw new IllegalStateException("promtool could not backfill: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        Process process = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        BackfilledPrometheus prometheus = new BackfilledPrometheus(process, "http://127.0.0.1:" + port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue() + ", see " + dir);
                }
                try {
                    return prometheus.query(readyWhen).contains("\"value\"");
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    public String url() {
        return url;
    }

    /** Prometheus's own answer to an instant query, for comparing with what the token-service says. */
    public String query(String promql) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                    + TenantPrometheus.encode(promql))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A crash, not a shutdown: the process is gone at once and its port refuses connections. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
