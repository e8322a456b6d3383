package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.process.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's Prometheus, run on this host: the Debian prometheus started with exactly
 * the `command` of the compose service, its container paths mapped to what the service
 * mounts (the repository's prometheus.yml, a temp directory for the data volume) and its
 * listen address moved to a free loopback port. It must be read-only at the server, and
 * every dashboard query must evaluate on it.
 */
class PrometheusServerTest {

    private static Process prometheus;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startLikeTheComposeService(@TempDir Path scratch) throws IOException {
        String program = Programs.require("prometheus", "prometheus");
        ComposeModel compose = ComposeModel.load(Files.createDirectories(scratch.resolve("compose")));
        Map<String, String> paths = containerPaths(compose, "prometheus", Files.createDirectories(scratch.resolve("volumes")));
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(program));
        for (String argument : compose.command("prometheus")) {
            if (argument.startsWith("--web.listen-address=")) {
                command.add("--web.listen-address=127.0.0.1:" + port);
                continue;
            }
            String mapped = argument;
            for (Map.Entry<String, String> path : paths.entrySet()) {
                mapped = mapped.replace("=" + path.getKey(), "=" + path.getValue());
            }
            command.add(mapped);
        }
        assertThat(command).anyMatch(a -> a.startsWith("--config.file=" + Repository.ROOT));
        base = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> prometheus.isAlive() && get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void adminApiIsOffAtTheServer() throws Exception {
        HttpResponse<String> snapshot = post("/api/v1/admin/tsdb/snapshot", "");
        HttpResponse<String> delete = post("/api/v1/admin/tsdb/delete_series", "match[]=up");

        assertThat(snapshot.statusCode()).isNotEqualTo(200);
        assertThat(snapshot.body()).contains("admin APIs disabled");
        assertThat(delete.body()).contains("admin APIs disabled");
    }

    @Test
    void remoteWriteReceiverIsOffAtTheServer() throws Exception {
        HttpResponse<String> write = post("/api/v1/write", "");

        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(write.body()).contains("remote write receiver needs to be enabled");
    }

    @Test
    void lifecycleEndpointsAreOffAtTheServer() throws Exception {
        assertThat(post("/-/reload", "").statusCode()).isEqualTo(403);
        assertThat(post("/-/quit", "").statusCode()).isEqualTo(403);
        assertThat(prometheus.isAlive()).isTrue();
    }

    @Test
    void scrapesEveryThirtySecondsAsConfigured() throws Exception {
        HttpResponse<String> config = get("/api/v1/status/config");

        assertThat(config.body()).contains("scrape_interval: 30s", "job_name: liberator-gateway", "gateway-2:8081");
    }

    /** The same check the end-to-end tests make through a gateway, here on the server alone. */
    @Test
    void everyDashboardQueryEvaluates() throws Exception {
        for (String query : DashboardQueries.gatewayDashboard()) {
            HttpResponse<String> answer = post("/api/v1/query", "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));

            assertThat(answer.statusCode()).as("%s: %s", query, answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(query).contains("\"status\":\"success\"");
        }
    }

    /** Container path → host path for each volume of {@code service}: bind mounts as mounted, named volumes as temp dirs. */
    private static Map<String, String> containerPaths(ComposeModel compose, String service, Path volumes) throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String mount : compose.mounts(service)) {
            String[] parts = mount.split(":");
            String source = parts[0].startsWith("/") ? parts[0] : Files.createDirectories(volumes.resolve(parts[0])).toString();
            paths.put(parts[1], source);
        }
        return paths;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
