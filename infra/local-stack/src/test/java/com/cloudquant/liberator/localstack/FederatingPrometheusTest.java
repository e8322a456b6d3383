package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.process.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federated views use /metrics-api-bearer/federate: a second, consumer-side
 * Prometheus federates through nginx with a Bearer credentials file, holds the series, and
 * loses them (up = 0) once the token is revoked.
 */
@ExtendWith(SharedStack.class)
class FederatingPrometheusTest {

    @TempDir
    Path dir;

    @Test
    void aFederatingPrometheusScrapesThroughTheEntryUntilItsTokenIsRevoked() throws IOException {
        StackClient client = SharedStack.client();
        StackClient.Issued issued = client.issue("federated-prometheus-eu");
        Path credentials = Files.writeString(dir.resolve("token"), issued.token());
        int port = FreePort.pick();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /metrics-api-bearer/federate
                    params:
                      'match[]': ['{job="prometheus"}']
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(credentials, SharedStack.stack().ports().publicHttp()));
        try (ChildProcess federating = new ChildProcess("federating-prometheus", List.of(
                new Programs(Path.of(".")).path("prometheus"), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port),
                dir.resolve("federating.log")).start()) {
            federating.awaitReady(Readiness.httpOk("http://127.0.0.1:" + port + "/-/ready"), Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(query(client, port, "up{job=\"federate\"}")).contains("\"value\":[").contains(",\"1\"]");
                assertThat(query(client, port, "prometheus_build_info{job=\"prometheus\"}")).contains("\"version\"");
            });

            assertThat(client.revoke(issued.id()).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(query(client, port, "up{job=\"federate\"}")).contains(",\"0\"]"));
        }
    }

    private static String query(StackClient client, int port, String promql) {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).GET().build()).body();
    }

}
