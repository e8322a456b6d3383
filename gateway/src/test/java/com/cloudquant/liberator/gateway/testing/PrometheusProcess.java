package com.cloudquant.liberator.gateway.testing;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free port, scraping itself
 * every second, with the default flags: no admin API, no remote-write receiver. A {@link Setup}
 * adds scrape jobs, rule files and data backfilled with {@code promtool} before the start.
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final ChildProcess process;
    private final int port;

    private PrometheusProcess(ChildProcess process, int port) {
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
        int port = FreePort.pick();
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
            ChildProcess process = new ChildProcess("prometheus", command, dir.resolve("prometheus.log")).start();
            // wait for a scraped sample so data comparisons are not between two empty answers
            process.awaitReady(Readiness.http("http://127.0.0.1:" + port + "/api/v1/query?query=up",
                    body -> body.contains("\"value\"")), Duration.ofSeconds(30));
            return new PrometheusProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the samples of {@code openMetrics} as blocks into {@code data}, as an operator backfills. */
    private static void backfill(Path openMetrics, Path data, Path dir) {
        new ChildProcess("promtool", List.of(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                openMetrics.toString(), data.toString()), dir.resolve("promtool.log"))
                .start().awaitSuccess(Duration.ofSeconds(60));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
