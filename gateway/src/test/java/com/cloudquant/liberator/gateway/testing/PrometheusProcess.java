package com.cloudquant.liberator.gateway.testing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free port, scraping itself
 * every second, with the default flags: no admin API, no remote-write receiver. A {@link Setup}
 * adds scrape jobs, rule files and data backfilled with {@code promtool} before the start.
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Process process;
    private final int port;

    private PrometheusProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PrometheusProcess start(Path dir) {
        return start(dir, Setup.DEFAULT);
    }

    /**
     * What a test adds to the default Prometheus.
     *
     * @param scrapeConfigs more entries of {@code scrape_configs}, as YAML list items indented by two spaces
     * @param ruleFiles     rule files to load (recording and alerting rules, evaluated every second)
     * @param backfill      OpenMetrics files turned into TSDB blocks by {@code promtool} before the start
     * @param flags         more command-line flags
     */
    public record Setup(String scrapeConfigs, List<Path> ruleFiles, List<Path> backfill, List<String> flags) {
        public static final Setup DEFAULT = new Setup("", List.of(), List.of(), List.of());
    }

    public static PrometheusProcess start(Path dir, Setup setup) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install the Debian package 'prometheus' "
                    + "(apt-get install -y prometheus; ./test.sh does it)");
        }
        int port = Ports.free();
        try {
            Path data = dir.resolve("data");
            for (Path openMetrics : setup.backfill()) {
                backfill(openMetrics, data, dir);
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [%s]
                    scrape_configs:
                      - job_name: prometheus
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(setup.ruleFiles().stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")),
                    port) + setup.scrapeConfigs());
            List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"));
            command.addAll(setup.flags());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            PrometheusProcess prometheus = new PrometheusProcess(process, port);
            try {
                prometheus.awaitReadyWithSamples();
            } catch (RuntimeException e) {
                prometheus.close(); // never leave a Prometheus behind that no test will stop
                throw e;
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the samples of {@code openMetrics} as blocks into {@code data}, as an operator backfills. */
    private static void backfill(Path openMetrics, Path data, Path dir) throws IOException {
        Path log = dir.resolve("promtool.log");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                openMetrics.toString(), data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!promtool.waitFor(60, TimeUnit.SECONDS) || promtool.exitValue() != 0) {
                promtool.destroyForcibly();
                throw new IllegalStateException("promtool could not backfill " + openMetrics + ": " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReadyWithSamples() {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(url() + "/api/v1/query?query=up")).build(),
                        HttpResponse.BodyHandlers.ofString());
                // wait for a scraped sample so data comparisons are not between two empty answers
                return response.statusCode() == 200 && response.body().contains("\"value\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
