package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.Readiness;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
 * A real Prometheus (Debian package {@code prometheus}) scraping, every second, an exporter of
 * three namespaces' series, so "the last hour" holds data: {@code payments} (http_requests_total,
 * node_cpu_seconds_total, payments_queue_depth: 10 series), {@code risk} (http_requests_total and
 * two metric names only it has: 3 series) and {@code bulk} (60 metric names, one series each).
 */
public final class TenantPrometheus implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final int ALL_SERIES = 10 + 3 + 60;

    private final HttpServer exporter;
    private final ChildProcess process;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TenantPrometheus(HttpServer exporter, ChildProcess process, int port) {
        this.exporter = exporter;
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
    }

    /** Starts the exporter and Prometheus; returns once Prometheus has scraped every series. */
    public static TenantPrometheus start(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " not found: install the Debian package 'prometheus' (apt-get install -y prometheus)");
        }
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] exposition = exposition().getBytes(StandardCharsets.UTF_8);
        exporter.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, exposition.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(exposition);
            }
        });
        exporter.start();
        int port = FreePort.pick();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: tenants
                    honor_labels: true
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporter.getAddress().getPort()));
        ChildProcess process = new ChildProcess("prometheus", List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
                dir.resolve("prometheus.log"));
        try {
            process.start().awaitReady(Readiness.http("http://127.0.0.1:" + port + "/api/v1/query?query="
                    + encode("count({namespace!=\"\"})"), body -> body.contains("\"" + ALL_SERIES + "\"")),
                    Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            exporter.stop(0); // a Prometheus that is not ready is killed by the wait; the exporter is ours
            throw e;
        }
        return new TenantPrometheus(exporter, process, port);
    }

    private static String exposition() {
        StringBuilder sb = new StringBuilder();
        for (String code : new String[] {"200", "500"}) {
            for (String pod : new String[] {"p1", "p2"}) {
                sb.append("http_requests_total{namespace=\"payments\",pod=\"").append(pod).append("\",code=\"")
                        .append(code).append("\"} 7\n");
            }
        }
        for (String pod : new String[] {"p1", "p2"}) {
            sb.append("payments_queue_depth{namespace=\"payments\",pod=\"").append(pod).append("\"} 3\n");
        }
        for (String cpu : new String[] {"0", "1"}) {
            for (String mode : new String[] {"idle", "user"}) {
                sb.append("node_cpu_seconds_total{namespace=\"payments\",cpu=\"").append(cpu).append("\",mode=\"")
                        .append(mode).append("\"} 100\n");
            }
        }
        sb.append("http_requests_total{namespace=\"risk\",pod=\"r1\",code=\"200\"} 5\n");
        sb.append("risk_secret_total{namespace=\"risk\",pod=\"r1\"} 1\n");
        sb.append("risk_exposure_ratio{namespace=\"risk\",pod=\"r1\"} 0.5\n");
        for (int i = 0; i < 60; i++) {
            sb.append(String.format("bulk_metric_%02d{namespace=\"bulk\"} %d\n", i, i));
        }
        return sb.toString();
    }

    public String url() {
        return url;
    }

    /** Prometheus's own answer, for comparing with what the token-service says. */
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

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            exporter.stop(0);
        }
    }
}
