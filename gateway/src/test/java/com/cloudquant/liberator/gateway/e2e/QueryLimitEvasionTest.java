package com.cloudquant.liberator.gateway.e2e;

import static com.cloudquant.liberator.gateway.testing.PrometheusAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusAnswers;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests that try to have the real Prometheus 2.42 read other parameters than the ones the query
 * limits judged: each must be refused by the gateway with a Prometheus-style error, never answered
 * by Prometheus with more than the limits allow, never a server error.
 */
@ExtendWith(SharedInfra.class)
class QueryLimitEvasionTest {

    private static final String P = "/metrics-api-bearer/api/v1";
    private static final long DAY = 86_400;
    private static final String BOUNDARY = "b0undary";
    private static GatewayHarness gateway;
    private static GatewayHarness.Issued token;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of(
                "liberator.gateway.limits.max-range", "1d",
                "liberator.gateway.limits.max-lookback", "2d",
                "liberator.gateway.limits.max-query-length", 200,
                "liberator.gateway.limits.rate-per-second", 1000,
                "liberator.gateway.limits.burst", 1000));
        token = gateway.issue("evasion");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aNumberWhoseExponentJavaCannotHoldIsBadDataNamingTheParameterNotAServerError() {
        long t = now();
        assertError(get("/query_range?query=up&start=1e-2147483648&end=" + t + "&step=15"), 400, "bad_data",
                "invalid parameter \"start\"");
        assertError(get("/labels?start=1e99999999999"), 400, "bad_data", "invalid parameter \"start\"");
        assertError(get("/query_range?query=up&start=" + (t - 60) + "&end=" + t + "&step=1e2147483640"), 400,
                "bad_data", "invalid parameter \"step\"");
    }

    @Test
    void aPercentEscapeGoCannotReadIsRefusedNotJudgedAsAStartPrometheusNeverSees() {
        long t = now();
        // "%7" + ARABIC-INDIC DIGIT THREE: Java's Character.digit reads it as the hex digit 3 ("s"); Go's
        // url.ParseQuery finds no valid escape and drops the pair, so Prometheus reads no start: from minTime
        String form = "%7\u0663tart=" + (t - 60) + "&end=" + t;
        assertThat(PrometheusAnswers.data(prometheus().postForm("/labels", form).body()).size())
                .as("Prometheus itself drops the pair and answers from the beginning of its data").isPositive();
        assertError(post("/labels", form), 400, "bad_data", "malformed form body");
        assertError(post("/query_exemplars", "query=up&" + form), 400, "bad_data", "malformed form body");
    }

    @Test
    void aGetCannotCarryAMultipartBodyThatPrometheusReadsPastTheLimits() {
        long t = now();
        // Go's FormValue parses a multipart body whatever the method; its values count where the query string has none
        String longerEnd = multipart("end", Long.toString(t + 2 * DAY));
        HttpResponse<String> range = getWithBody("/query_range?query=vector(1)&start=" + (t - 600) + "&step=60",
                longerEnd);
        assertThat(range.statusCode()).as("Prometheus must not evaluate a 2d range the gateway judged as 10m: "
                + points(range)).isEqualTo(400);
        assertError(range, 400, "bad_data", "in the query string and no body");

        String longQuery = multipart("query", "vector(1)" + " ".repeat(250));
        HttpResponse<String> length = getWithBody("/query_range?start=" + (t - 600) + "&end=" + t + "&step=60",
                longQuery);
        assertError(length, 400, "bad_data", "in the query string and no body");
    }

    @Test
    void prometheusOwnSpellingOfTheEndOfTimeIsReadAsTheEndOfTime() {
        // what Prometheus 2.42 formats its maxTime as (and the Go client sends for an unbounded end)
        String endOfTime = "292277025-08-18T07:12:54.999999999Z";
        String query = "/labels?start=" + (now() - 60) + "&end=" + endOfTime;
        assertThat(PrometheusAnswers.data(prometheus().get(query).body()).size()).isPositive();
        assertThat(get(query).statusCode()).as("the gateway reads it as Prometheus does").isEqualTo(200);
        // a spelling Prometheus cannot read is not the end of time either
        assertError(get("/labels?start=" + (now() - 60) + "&end=292277026-11-25T17:47:04.999Z"), 400, "bad_data",
                "invalid parameter \"end\"");
    }

    private static String multipart(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n--"
                + BOUNDARY + "--\r\n";
    }

    private static int points(HttpResponse<String> response) {
        JsonNode result = PrometheusAnswers.json(response.body()).path("data").path("result");
        return result.isEmpty() ? 0 : result.get(0).path("values").size();
    }

    private static HttpResponse<String> get(String pathAndQuery) {
        return gateway.get(P + pathAndQuery, "Authorization", token.bearer());
    }

    private static HttpResponse<String> post(String path, String form) {
        return gateway.postForm(P + path, form, "Authorization", token.bearer());
    }

    private static HttpResponse<String> getWithBody(String pathAndQuery, String body) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + P + pathAndQuery))
                        .method("GET", HttpRequest.BodyPublishers.ofString(body)),
                "Authorization", token.bearer(), "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    }

    /** Prometheus itself, asked directly: what the gateway's answer is compared with. */
    private static PrometheusApi prometheus() {
        return new PrometheusApi(SharedInfra.prometheus().url() + "/api/v1");
    }
}
