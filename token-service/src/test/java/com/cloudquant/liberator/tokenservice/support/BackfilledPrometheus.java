package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian package {@code prometheus}) over samples written into its storage beforehand
 * with {@code promtool tsdb create-blocks-from openmetrics}: hours or days of history, in the seconds a
 * test has. It scrapes nothing, so what it answers is exactly what was backfilled.
 */
public final class BackfilledPrometheus implements AutoCloseable {

    private final ChildProcess process;
    private final String url;

    private BackfilledPrometheus(ChildProcess process, String url) {
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
        new ChildProcess("promtool", List.of("/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", "-q",
                input.toString(), data.toString()), dir.resolve("promtool.log")).start().awaitSuccess(Duration.ofSeconds(60));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        String url = "http://127.0.0.1:" + port;
        ChildProcess process = new ChildProcess("prometheus", List.of("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), dir.resolve("prometheus.log")).start();
        process.awaitReady(Readiness.http(url + "/api/v1/query?query=" + TenantPrometheus.encode(readyWhen),
                body -> body.contains("\"value\"")), Duration.ofSeconds(60));
        return new BackfilledPrometheus(process, url);
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
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
