package com.cloudquant.liberator.promql.testing;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.process.Readiness;
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
import java.util.List;

/**
 * A real Prometheus 2.42 (Debian package {@code prometheus}) on a free loopback port, scraping
 * nothing, its TSDB backfilled with {@code promtool tsdb create-blocks-from openmetrics} from a
 * fixture, so queries have data to disagree on.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final ChildProcess process;
    private final String url;
    private final HttpClient client = HttpClient.newHttpClient();

    private PrometheusServer(ChildProcess process, int port) {
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
    }

    /** Backfills {@code openMetrics} into {@code dir}/data, starts Prometheus on it, waits until it answers. */
    public static PrometheusServer start(Path dir, String openMetrics) throws IOException {
        if (!Files.isExecutable(PROMETHEUS) || !Files.isExecutable(PROMTOOL)) {
            throw new IllegalStateException("install the Debian package 'prometheus' (apt-get install -y prometheus)");
        }
        Path input = Files.writeString(dir.resolve("fixture.om"), openMetrics);
        Path data = dir.resolve("data");
        new ChildProcess("promtool", List.of(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), data.toString()), dir.resolve("promtool.log")).start().awaitSuccess(Duration.ofSeconds(60));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        int port = FreePort.pick();
        ChildProcess process = new ChildProcess("prometheus", List.of(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
                dir.resolve("prometheus.log")).start();
        process.awaitReady(Readiness.httpOk("http://127.0.0.1:" + port + "/-/ready"), Duration.ofSeconds(30));
        return new PrometheusServer(process, port);
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


    @Override
    public void close() {
        process.close();
    }
}
