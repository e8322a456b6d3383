package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.DefaultGateway;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusAnswers;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway in front of a real Prometheus answers what Prometheus answers. */
@ExtendWith(SharedInfra.class)
class PrometheusThroughGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "/metrics-api-bearer";
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;
    private static long at;

    @RegisterExtension
    static final DefaultGateway GATEWAY = new DefaultGateway(started -> gateway = started);

    @BeforeAll
    static void start() {
        token = gateway.issue("grafana-prod");
        // a fixed instant in the past makes both answers about the same, immutable data
        at = Instant.now().getEpochSecond() - 3;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/query?query=up&time=AT",
            "/api/v1/query?query=sum(prometheus_build_info)&time=AT",
            "/api/v1/query_range?query=up&start=START&end=AT&step=1",
            "/api/v1/series?match[]=up&start=START&end=AT",
            "/api/v1/labels?start=START&end=AT",
            "/api/v1/labels?match[]=up&start=START&end=AT",
            "/api/v1/label/__name__/values?start=START&end=AT",
            "/api/v1/label/job/values?start=START&end=AT",
            "/api/v1/query_exemplars?query=up&start=START&end=AT",
            "/api/v1/status/buildinfo",
            "/api/v1/metadata?metric=up",
            "/api/v1/rules"})
    void everyAllowedGetEndpointAnswersTheSameDataAsPrometheusDirectly(String template) {
        String pathAndQuery = template.replace("START", Long.toString(at - 20)).replace("AT", Long.toString(at));
        HttpResponse<String> through = gateway.get(P + pathAndQuery, "Authorization", token.bearer());
        HttpResponse<String> direct = direct(pathAndQuery);
        assertThat(through.statusCode()).isEqualTo(200);
        assertThat(PrometheusAnswers.data(through.body())).isEqualTo(PrometheusAnswers.data(direct.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels",
            "/api/v1/query_exemplars"})
    void formPostEndpointsAnswerTheSameDataAsPrometheusDirectly(String path) {
        String form = "query=up&match%5B%5D=up&time=" + at + "&start=" + (at - 20) + "&end=" + at + "&step=1";
        HttpResponse<String> through = gateway.postForm(P + path, form, "Authorization", token.bearer());
        HttpResponse<String> direct = send(HttpRequest.newBuilder(URI.create(SharedInfra.prometheus().url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(through.statusCode()).isEqualTo(200);
        assertThat(PrometheusAnswers.data(through.body())).isEqualTo(PrometheusAnswers.data(direct.body()));
    }

    @Test
    void federateAnswersTheSameSeriesAsPrometheusDirectly() {
        String query = "/federate?match%5B%5D=%7Bjob%3D%22prometheus%22%7D";
        HttpResponse<String> through = gateway.get(P + query, "Authorization", token.bearer());
        assertThat(through.statusCode()).isEqualTo(200);
        assertThat(PrometheusAnswers.seriesOf(through.body())).isEqualTo(PrometheusAnswers.seriesOf(direct(query).body())).isNotEmpty();
    }

    @Test
    void grafanaSaveAndTestSequenceSucceeds() throws IOException {
        HttpResponse<String> query = gateway.postForm(P + "/api/v1/query", "query=1%2B1&time=4",
                "Authorization", token.bearer(), "Accept", "application/json, text/plain, */*");
        assertThat(query.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(query.body());
        assertThat(result.path("status").asText()).isEqualTo("success");
        assertThat(result.path("data").path("result").get(1).asText()).isEqualTo("2");

        HttpResponse<String> buildinfo = gateway.get(P + "/api/v1/status/buildinfo", "Authorization", token.bearer());
        assertThat(buildinfo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(buildinfo.body()).path("data").path("version").asText()).isNotBlank();
    }

    @Test
    void gzipFromPrometheusIsPassedThroughUntouched() throws IOException {
        String path = "/api/v1/status/buildinfo"; // same answer every time, so both compressions must be the same bytes
        HttpResponse<byte[]> response = sendBytes(HttpRequest.newBuilder(URI.create(gateway.url() + P + path))
                .header("Authorization", token.bearer()).header("Accept-Encoding", "gzip").GET().build());
        HttpResponse<byte[]> direct = sendBytes(HttpRequest.newBuilder(URI.create(SharedInfra.prometheus().url() + path))
                .header("Accept-Encoding", "gzip").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        // not decompressed and compressed again by the gateway: Prometheus's own gzip stream, byte for byte
        assertThat(response.body()).isEqualTo(direct.body());
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(direct.body().length));
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(body).contains("\"version\"");
    }

    @Test
    void uncompressedAnswerIsNotCompressedByTheGateway() {
        // the client asked for gzip only if it sent Accept-Encoding; Prometheus decides, the gateway never re-encodes
        HttpResponse<byte[]> response = sendBytes(HttpRequest.newBuilder(URI.create(gateway.url() + P
                        + "/api/v1/query?query=up"))
                .header("Authorization", token.bearer()).header("Accept-Encoding", "identity").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"status\":\"success\"");
    }

    @Test
    void noCorsHeaderEvenWhenPrometheusWouldGrantOne() {
        HttpResponse<String> response = gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer(),
                "Origin", "https://evil.example");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(direct("/api/v1/query?query=up", "Origin", "https://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void preflightIsRefusedWithoutCorsHeaders() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + "/api/v1/query"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void gatewayOwnMetricsCountRequestsByConsumerRouteAndCode() {
        gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer());
        HttpResponse<String> metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET());
        assertThat(metrics.body())
                .contains("liberator_gateway_requests_total{code=\"200\",consumer=\"grafana-prod\",reason=\"upstream\",route=\"query\"}")
                .contains("liberator_gateway_upstream_latency_seconds_bucket")
                .doesNotContain(token.token().reveal());
    }



    private static HttpResponse<String> direct(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(SharedInfra.prometheus().url() + pathAndQuery)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
