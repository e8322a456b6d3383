package com.cloudquant.liberator.gateway.e2e;

import static com.cloudquant.liberator.gateway.testing.PrometheusAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.Caller;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusAnswers;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each query limit against the real Prometheus through the gateway: just under is Prometheus's own
 * answer, just over is the gateway's refusal (status, Prometheus-style body naming limit, value and
 * remedy, and the reason in {@code liberator_gateway_requests_total}); Grafana's request shapes.
 */
@ExtendWith(SharedInfra.class)
class QueryLimitsThroughGatewayTest {

    private static final long DAY = 86_400;
    private static final AtomicInteger CONSUMERS = new AtomicInteger();
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of(
                "liberator.gateway.limits.max-range", "1d",
                "liberator.gateway.limits.max-lookback", "2d",
                "liberator.gateway.limits.max-query-length", 200,
                "liberator.gateway.limits.min-step", "1s",
                "liberator.gateway.limits.rate-per-second", 1,
                "liberator.gateway.limits.burst", 10));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A token of its own per test: its own bucket and its own metric series. */
    private static Caller caller() {
        String consumer = "limits-" + CONSUMERS.incrementAndGet();
        return new Caller(gateway, consumer, gateway.issue(consumer));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void justUnderEachLimitIsPrometheusOwnAnswer() {
        Caller c = caller();
        long t = now();
        assertAnswered(c.get("/query_range?query=up&start=" + (t - DAY) + "&end=" + t + "&step=60"), "matrix");
        assertAnswered(c.get("/query_range?query=up&start=" + (t - 11_000) + "&end=" + t + "&step=1"), "matrix");
        long lookback = t - 2 * DAY + 120;
        assertAnswered(c.get("/query_range?query=up&start=" + lookback + "&end=" + (lookback + 3600) + "&step=60"), "matrix");
        assertAnswered(c.get("/series?match[]=up&start=" + lookback + "&end=" + t), null);
        assertAnswered(c.get("/labels?start=" + lookback + "&end=" + t), null);
        assertAnswered(c.get("/label/job/values?start=" + lookback + "&end=" + t), null);
        String query = "up" + " ".repeat(198); // 200 bytes
        assertAnswered(c.post("/query", "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)), "vector");
        assertThat(c.count(200, "upstream", "query_range")).isEqualTo(3);
    }

    @Test
    void aRangeLongerThanMaxRangeIs422NamingItAndHowToChangeThePanel() {
        Caller c = caller();
        long t = now();
        HttpResponse<String> over = c.get("/query_range?query=up&start=" + (t - DAY - 1) + "&end=" + t + "&step=60");
        assertError(over, 422, "execution", "the time range is 1d1s, longer than 1d",
                "liberator.gateway.limits.max-range", "shorten the dashboard's time range");
        assertThat(c.count(422, "limit_range", "query_range")).isEqualTo(1);
    }

    @Test
    void morePointsPerSeriesThanAllowedIs422AskingForAWiderMinInterval() {
        Caller c = caller();
        long t = now();
        HttpResponse<String> over = c.get("/query_range?query=up&start=" + (t - 11_001) + "&end=" + t + "&step=1");
        assertError(over, 422, "execution", "11001 points per series", "max-points-per-series",
                "widen the panel's Min interval to at least 2s");
        assertThat(c.count(422, "limit_points", "query_range")).isEqualTo(1);
    }

    @Test
    void aStepBelowMinStepIs422() {
        Caller c = caller();
        long t = now();
        assertAnswered(c.get("/query_range?query=up&start=" + (t - 60) + "&end=" + t + "&step=1s"), "matrix");
        HttpResponse<String> over = c.get("/query_range?query=up&start=" + (t - 60) + "&end=" + t + "&step=999ms");
        assertError(over, 422, "execution", "the step is 999ms, below 1s", "min-step",
                "widen the panel's Min interval to at least 1s");
        assertThat(c.count(422, "limit_step", "query_range")).isEqualTo(1);
    }

    @Test
    void readingFurtherBackThanMaxLookbackIs422OnEveryReadThatTakesAStart() {
        Caller c = caller();
        long t = now();
        long before = t - 2 * DAY - 120;
        assertError(c.get("/query_range?query=up&start=" + before + "&end=" + (before + 3600) + "&step=60"), 422,
                "execution", "further than 2d", "liberator.gateway.limits.max-lookback");
        assertError(c.get("/series?match[]=up&start=" + before + "&end=" + t), 422, "execution", "max-lookback");
        assertError(c.get("/labels?start=" + before), 422, "execution", "max-lookback");
        assertError(c.get("/label/job/values?start=" + before), 422, "execution", "max-lookback");
        // without start, Prometheus reads everything it holds
        assertError(c.get("/labels"), 422, "execution", "no start (from the beginning of the data)");
        assertThat(c.count(422, "limit_lookback", "labels")).isEqualTo(2);
        assertThat(c.count(422, "limit_lookback", "label_values")).isEqualTo(1);
    }

    @Test
    void aQueryLongerThanMaxQueryLengthIs422InTheQueryStringAndTheForm() {
        Caller c = caller();
        String query = URLEncoder.encode("up" + " ".repeat(199), StandardCharsets.UTF_8); // 201 bytes
        assertError(c.get("/query?query=" + query), 422, "execution", "the query is 201 bytes, above 200 bytes",
                "max-query-length");
        assertError(c.post("/query", "query=" + query), 422, "execution", "201 bytes");
        assertError(c.post("/series", "match%5B%5D=" + "u".repeat(150) + "&match%5B%5D=" + "p".repeat(51)
                + "&start=" + now()), 422, "execution", "match[] selectors is 201 bytes");
        assertThat(c.count(422, "limit_query_length", "query")).isEqualTo(2);
    }

    @Test
    void grafanaPostFormsWithStepInSecondsOrAsDurationAndUnixOrRfc3339TimesAreJudgedAlike() {
        Caller c = caller();
        long t = now() - 5;
        String unix = "query=up&start=" + (t - 600) + ".5&end=" + t + ".5";
        String rfc = "query=up&start=" + Instant.ofEpochSecond(t - 600) + "&end=" + Instant.ofEpochSecond(t);
        for (String form : new String[] {unix + "&step=15", unix + "&step=15s", rfc + "&step=15", rfc + "&step=15s"}) {
            HttpResponse<String> through = c.post("/query_range", form);
            assertAnswered(through, "matrix");
            assertThat(PrometheusAnswers.data(through.body()))
                    .isEqualTo(PrometheusAnswers.data(prometheus().postForm("/query_range", form).body()));
        }
        String tooLong = "query=up&start=" + Instant.ofEpochSecond(t - DAY - 15) + "&end=" + Instant.ofEpochSecond(t) + "&step=15s";
        assertError(c.post("/query_range", tooLong), 422, "execution", "1d15s", "max-range");
        String tooFine = "query=up&start=" + (t - 600) + "&end=" + t + "&step=0.5";
        assertError(c.post("/query_range", tooFine), 422, "execution", "500ms", "min-step");
    }

    @Test
    void valuesThatAreNotTimesOrStepsAre400BadDataNamingTheParameterNotForwarded() {
        Caller c = caller();
        long t = now();
        assertError(c.get("/query_range?query=up&start=yesterday&end=" + t + "&step=15"), 400, "bad_data",
                "invalid parameter \"start\"", "\"yesterday\"");
        assertError(c.post("/query_range", "query=up&start=" + (t - 60) + "&end=" + t + "&step=fifteen"), 400,
                "bad_data", "invalid parameter \"step\"");
        assertError(c.get("/labels?start=" + t + "&end=tomorrow"), 400, "bad_data", "invalid parameter \"end\"");
        assertThat(c.count(400, "bad_start", "query_range")).isEqualTo(1);
        assertThat(c.count(400, "bad_step", "query_range")).isEqualTo(1);
    }

    @Test
    void aScopedTokenIsJudgedByTheSameLimits() {
        String consumer = "limits-scoped";
        Caller c = new Caller(gateway, consumer, gateway.issueScoped(consumer, Scope.parse("{job=\"prometheus\"}")));
        long t = now();
        assertAnswered(c.post("/query_range", "query=up&start=" + (t - 600) + "&end=" + t + "&step=15s"), "matrix");
        HttpResponse<String> over = c.post("/query_range", "query=up&start=" + (t - DAY - 1) + "&end=" + t + "&step=60");
        assertError(over, 422, "execution", "max-range");
        assertThat(over.headers().firstValue("X-Liberator-Scope")).contains("{job=\"prometheus\"}");
        assertThat(c.count(422, "limit_range", "query_range")).isEqualTo(1);
    }

    @Test
    void aBurstAboveTheBucketIs429WithRetryAfterAndPassesOnceItRefillsWithoutTouchingAnotherToken() {
        Caller a = caller();
        Caller b = caller();
        int served = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = a.get("/query?query=up");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                served++;
            }
        }
        assertThat(served).as("the bucket's burst is served first").isGreaterThanOrEqualTo(10);
        assertThat(refused).as("a burst above the bucket is refused").isNotNull();
        assertError(refused, 429, "too_many_requests", "more than 10 requests at once or more than 1 per second",
                "reduce the dashboard's refresh rate");
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
        assertThat(a.count(429, "limit_rate", "query")).isEqualTo(1);

        assertAnswered(b.get("/query?query=up"), "vector"); // another token's bucket is full

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> a.get("/query?query=up").statusCode() == 200);
    }

    private static void assertAnswered(HttpResponse<String> response, String resultType) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = PrometheusAnswers.json(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        if (resultType != null) {
            assertThat(body.path("data").path("resultType").asText()).isEqualTo(resultType);
        }
    }

    /** Prometheus itself, asked directly: what the gateway's answer is compared with. */
    private static PrometheusApi prometheus() {
        return new PrometheusApi(SharedInfra.prometheus().url() + "/api/v1");
    }
}
