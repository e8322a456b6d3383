package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code max-lookback} and {@code max-range} bound what a query reads, not only its {@code start}: a
 * range selector, {@code offset}, {@code @} or a subquery in the expression reads as far back as a
 * {@code start} would, against the real Prometheus 2.42.
 */
@ExtendWith(SharedInfra.class)
class QueryExpressionLookbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "/metrics-api-bearer/api/v1";
    private static final long DAY = 86_400;
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of(
                "liberator.gateway.limits.max-range", "1d",
                "liberator.gateway.limits.max-lookback", "2d",
                "liberator.gateway.limits.rate-per-second", 1000,
                "liberator.gateway.limits.burst", 1000));
        token = gateway.issue("expression-lookback");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aQueryReadsNoFurtherBackThanMaxLookbackWhateverItsSelectorsSay() {
        long t = Instant.now().getEpochSecond();
        String window = "&start=" + (t - 600) + "&end=" + t + "&step=60";
        for (String query : new String[] {"count_over_time(up[3d])", "up offset 3d", "up @ " + (t - 3 * DAY),
                "max_over_time(up[3d:1h])"}) {
            assertLookbackRefused(get("/query_range?query=" + encode(query) + window));
        }
        assertLookbackRefused(get("/query?query=" + encode("count_over_time(up[3d])")));
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String pathAndQuery) {
        return gateway.get(P + pathAndQuery, "Authorization", token.bearer());
    }

    private static void assertLookbackRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = json(response.body());
        assertThat(body.path("errorType").asText()).isEqualTo("execution");
        assertThat(body.path("error").asText()).contains("max-lookback");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }
}
