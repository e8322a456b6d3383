package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TenantPrometheus.encode;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus that answers its headers at once and then drips its body a byte at a time, never
 * finishing: {@code liberator.monitoring.timeout} bounds the whole answer, not only the wait for its
 * headers, so the token list, the charts and the scope preview (which streams its answers) still answer
 * quickly and say why; and the token-service hangs up on such an answer at once rather than reading it
 * to its end on a connection it keeps.
 */
class SlowDripPrometheusTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    @Test
    void aPrometheusThatDripsItsBodyCostsTheListTheChartsAndThePreviewOneTimeoutEach() throws Exception {
        try (DrippingPrometheus drip = new DrippingPrometheus()) {
            Map<String, Object> settings = MonitoredSettings.of(KAFKA, "tokens-usage-drip", temp.resolve("drip-keys"),
                    "http://127.0.0.1:" + drip.port());
            settings.put("liberator.monitoring.timeout", "1s");
            try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
                service.issue("grafana-drip");

                long started = System.nanoTime();
                HttpResponse<String> list = service.get("/api/v1/tokens", ADMIN);
                Duration listTook = Duration.ofNanos(System.nanoTime() - started);

                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(listTook).as("one monitoring timeout for the whole answer").isLessThan(Duration.ofSeconds(3));
                JsonNode item = json(list).get(0);
                assertThat(item.get("consumer").asText()).isEqualTo("grafana-drip");
                assertThat(item.get("usageUnavailable").asText())
                        .isEqualTo("unreachable: no answer within 1000 ms (liberator.monitoring.timeout)");
                assertThat(item.get("requests24h").isNull()).isTrue();

                started = System.nanoTime();
                HttpResponse<String> charts = service.get("/api/v1/monitoring/charts?range=15m", ADMIN);
                Duration chartsTook = Duration.ofNanos(System.nanoTime() - started);

                assertThat(charts.statusCode()).isEqualTo(200);
                assertThat(chartsTook).as("one monitoring timeout for the whole answer").isLessThan(Duration.ofSeconds(3));
                assertThat(json(charts).get("state").asText()).isEqualTo("unreachable");
                assertThat(json(charts).get("message").asText()).contains("no answer within 1000 ms");

                started = System.nanoTime();
                HttpResponse<String> preview = service.get("/api/v1/scope-preview?scope="
                        + encode("{namespace=\"payments\"}"), ADMIN);
                Duration previewTook = Duration.ofNanos(System.nanoTime() - started);

                assertThat(preview.statusCode()).as(preview.body()).isEqualTo(503);
                assertThat(previewTook).as("one monitoring timeout for the whole streamed answer")
                        .isLessThan(Duration.ofSeconds(3));
                assertThat(json(preview).get("detail").asText())
                        .contains("did not answer (no answer within 1000 ms (liberator.monitoring.timeout))");

                // while the service still runs: its own hang-up, not its shutdown, ends each dripping answer
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(drip.hungUp.get())
                        .as("dripping answers the token-service hung up on, of %s started", drip.dripped.get())
                        .isEqualTo(drip.dripped.get()));
            }
            assertThat(drip.failures.get()).as("the hostile server's own failures").isZero();
            assertThat(drip.dripped.get()).as("answers started and dripped").isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * Accepts every connection, answers 200 with a long Content-Length and the start of the answer the path
     * calls for (a query's result, or the list a series or label-values call gives), then one byte every 100 ms
     * for a minute.
     */
    private static final class DrippingPrometheus implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger dripped = new AtomicInteger();
        final AtomicInteger hungUp = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "dripping-prometheus");

        DrippingPrometheus() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> drip(socket), "dripping-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        failures.incrementAndGet();
                    }
                }
            }
        }

        private void drip(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                String requestLine = readHeaders(in);
                byte[] start = (requestLine.startsWith("GET /api/v1/query")
                        ? "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        : "{\"status\":\"success\",\"data\":[").getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(start);
                out.flush();
                dripped.incrementAndGet();
                long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (System.nanoTime() < until && !server.isClosed()) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100); // the drip itself is the fault: a byte every 100 ms, never the end
                }
            } catch (SocketException closedByTheClient) {
                hungUp.incrementAndGet(); // the token-service gave up on the answer: what it should do
            } catch (IOException | InterruptedException e) {
                failures.incrementAndGet();
            }
        }

        /** Reads the request's headers; its first line, e.g. {@code GET /api/v1/series?… HTTP/1.1}. */
        private static String readHeaders(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request ended before its headers did");
                }
                head.append((char) b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.substring(0, head.indexOf("\r\n"));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
