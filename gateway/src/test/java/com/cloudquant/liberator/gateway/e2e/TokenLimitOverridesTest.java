package com.cloudquant.liberator.gateway.e2e;

import static com.cloudquant.liberator.gateway.testing.PrometheusAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.gateway.testing.Caller;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusAnswers;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token's own query limits, read from its signed {@code TokenIssued} on the real log, against the
 * real Prometheus through the gateway: a larger budget is answered where the settings refuse, a smaller
 * one is refused where the settings answer, each refusal says whether the token's own limit or the
 * setting applied, and a token with the defaults beside it is judged by the settings as before.
 */
@ExtendWith(SharedInfra.class)
class TokenLimitOverridesTest {

    private static final String P = "/metrics-api-bearer/api/v1";
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;
    private static final AtomicInteger CONSUMERS = new AtomicInteger();
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of(
                "liberator.gateway.limits.max-range", "1d",
                "liberator.gateway.limits.rate-per-second", 50,
                "liberator.gateway.limits.burst", 500));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aTokenGrantedALargerMaxRangeIsAnsweredWhereTheSettingRefusesAnotherToken() {
        Caller granted = caller(Map.of("maxRange", "3d"));
        Caller plain = caller(Map.of());
        long t = Instant.now().getEpochSecond();
        String twoDays = "query=up&start=" + (t - 2 * DAY) + "&end=" + t + "&step=600";

        HttpResponse<String> answered = granted.post("/query_range", twoDays);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(PrometheusAnswers.data(answered.body()).path("resultType").asText()).isEqualTo("matrix");
        assertThat(PrometheusAnswers.data(answered.body()))
                .isEqualTo(PrometheusAnswers.data(prometheus().postForm("/query_range", twoDays).body()));
        assertError(plain.post("/query_range", twoDays), 422, "execution", "the time range is 2d, longer than 1d",
                "(liberator.gateway.limits.max-range)");
        assertError(granted.get("/query_range?query=up&start=" + (t - 3 * DAY - 1) + "&end=" + t + "&step=600"), 422,
                "execution", "the time range is 3d1s, longer than 3d (this token's own limit, limits.maxRange,"
                        + " granted when it was issued)", "shorten the dashboard's time range");

        assertThat(granted.count(200, "upstream", "query_range")).isEqualTo(1);
        assertThat(granted.count(422, "limit_range", "query_range")).isEqualTo(1);
        assertThat(plain.count(422, "limit_range", "query_range")).isEqualTo(1);
    }

    @Test
    void aTokenWithSmallerLimitsIsRefusedWhereTheSettingsAnswerAndTheRefusalNamesTheTokensOwnLimit() {
        Caller narrow = caller(Map.of("maxRange", "1h", "minStep", "30s", "maxQueryLength", "10"));
        Caller plain = caller(Map.of());
        long t = Instant.now().getEpochSecond();
        String twoHours = "/query_range?query=up&start=" + (t - 2 * HOUR) + "&end=" + t + "&step=60";
        String fineStep = "/query_range?query=up&start=" + (t - 600) + "&end=" + t + "&step=15";
        String longQuery = "/query?query=" + URLEncoder.encode("up" + " ".repeat(9), StandardCharsets.UTF_8);

        assertError(narrow.get(twoHours), 422, "execution", "the time range is 2h, longer than 1h (this token's own"
                + " limit, limits.maxRange");
        assertError(narrow.get(fineStep), 422, "execution", "the step is 15s, below 30s (this token's own limit,"
                + " limits.minStep", "widen the panel's Min interval to at least 30s");
        assertError(narrow.get(longQuery), 422, "execution", "the query is 11 bytes, above 10 bytes (this token's"
                + " own limit, limits.maxQueryLength");
        for (String read : new String[] {twoHours, fineStep, longQuery}) {
            HttpResponse<String> answered = plain.get(read);
            assertThat(answered.statusCode()).as(read + " " + answered.body()).isEqualTo(200);
        }
        // what the token did not override stays the setting's
        assertError(narrow.get("/query_range?query=up&start=" + (t - 600) + "&end=" + t + "&step=0"), 400, "bad_data",
                "invalid parameter \"step\"");
        assertThat(narrow.count(422, "limit_range", "query_range")).isEqualTo(1);
        assertThat(narrow.count(422, "limit_step", "query_range")).isEqualTo(1);
        assertThat(narrow.count(422, "limit_query_length", "query")).isEqualTo(1);
        assertThat(plain.count(200, "upstream", "query_range")).isEqualTo(2);
    }

    @Test
    void aTokenWithALowerRateGets429WhileATokenWithTheDefaultsBesideItDoesNot() {
        Caller slow = caller(Map.of("ratePerSecond", "0.2", "burst", "3"));
        Caller plain = caller(Map.of());
        int slowServed = 0;
        int plainServed = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> s = slow.get("/query?query=up");
            if (s.statusCode() == 429) {
                refused = refused == null ? s : refused;
            } else {
                assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
                slowServed++;
            }
            HttpResponse<String> p = plain.get("/query?query=up");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
            plainServed++;
        }

        assertThat(slowServed).as("the token's own burst, and at most one refill at 0.2/s").isBetween(3, 4);
        assertThat(plainServed).isEqualTo(10);
        assertThat(refused).isNotNull();
        assertError(refused, 429, "too_many_requests", "more than 3 requests at once or more than 0.2 per second",
                "(this token's own limits, limits.ratePerSecond 0.2 and limits.burst 3, granted when it was issued)");
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 5);
        assertThat(slow.count(429, "limit_rate", "query")).isEqualTo(10 - slowServed);
        assertThat(plain.count(429, "limit_rate", "query")).isZero();
        assertThat(plain.count(200, "upstream", "query")).isEqualTo(10);
    }

    /**
     * Limits a reader could read otherwise are never applied: a signed issue whose limits are not in
     * canonical form admits no token at all (not one with the defaults).
     */
    @Test
    void aSignedIssueWithNonCanonicalLimitsNeverAdmitsItsToken() {
        try (GatewayHarness replica = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of())) {
            GatewayHarness.Issued before = replica.issue("grafana-prod");
            BearerToken odd = SignedLog.newToken();
            String oddId = "tok-odd-" + UUID.randomUUID();
            replica.send(oddId, replica.log().issueWithLimits(oddId, odd, "capacity", Map.of("maxRange", "72h")));

            HttpResponse<String> oddRequest = replica.get(P + "/query?query=up", "Authorization", "Bearer " + odd.reveal());

            assertError(oddRequest, 401, "unauthorized", "token");
            assertThat(replica.get(P + "/query?query=up", "Authorization", before.bearer()).statusCode())
                    .as("the replica read past the record it skipped").isEqualTo(200);
        }
    }

    /** A token of its own per test, issued on the log with {@code limits} (canonical text) as its overrides. */
    private static Caller caller(Map<String, String> limits) {
        String consumer = "overrides-" + CONSUMERS.incrementAndGet();
        return new Caller(gateway, consumer,
                limits.isEmpty() ? gateway.issue(consumer) : gateway.issueWithLimits(consumer, limits));
    }

    private static PrometheusApi prometheus() {
        return new PrometheusApi(SharedInfra.prometheus().url() + "/api/v1");
    }
}
