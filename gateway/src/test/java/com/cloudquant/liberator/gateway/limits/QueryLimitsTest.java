package com.cloudquant.liberator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.config.LimitProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.scope.FormCodec;
import com.cloudquant.liberator.gateway.scope.RequestParameters;
import com.cloudquant.liberator.gateway.scope.ScopedEndpoint;
import com.cloudquant.liberator.events.TokenLimits;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edges of each limit on parameters as a client sends them (the end-to-end test runs them against Prometheus). */
class QueryLimitsTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private final QueryLimits limits = new QueryLimits(new LimitProperties(Duration.ofDays(1), Duration.ofDays(2),
            11_000, 100, Duration.ofSeconds(1), 50, 500));

    private void check(ScopedEndpoint endpoint, String form) {
        limits.check(endpoint, RequestParameters.of(endpoint, FormCodec.decode(form, "query string"), List.of()), NOW, TokenLimits.NONE);
    }

    private void refused(ScopedEndpoint endpoint, String form, int status, String reason, String... message) {
        assertThatThrownBy(() -> check(endpoint, form)).isInstanceOfSatisfying(GatewayRejection.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(status);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void pointsPerSeriesAreWholeStepsAsPrometheusCountsThem() {
        assertThat(QueryLimits.pointsPerSeries(Duration.ofSeconds(11_000), Duration.ofSeconds(1))).isEqualTo(11_000);
        assertThat(QueryLimits.pointsPerSeries(Duration.ofSeconds(11_001), Duration.ofSeconds(1))).isEqualTo(11_001);
        assertThat(QueryLimits.pointsPerSeries(Duration.ofMillis(10_999), Duration.ofSeconds(1))).isEqualTo(10);
        assertThat(QueryLimits.pointsPerSeries(Duration.ofSeconds(-5), Duration.ofSeconds(1))).isZero();
        assertThat(QueryLimits.pointsPerSeries(Duration.between(Instant.MIN, Instant.MAX), Duration.ofNanos(1)))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aTokensOwnLimitReplacesTheSettingLargerOrSmallerAndTheRefusalNamesIt() {
        TokenLimits wide = TokenLimits.typed(Map.of("maxRange", "3d", "maxLookback", "4d"));
        TokenLimits narrow = TokenLimits.typed(Map.of("maxQueryLength", "2", "minStep", "1m", "maxPointsPerSeries", "10"));
        String twoDays = "query=up&start=" + (T - 2 * 86_400) + "&end=" + T + "&step=60";

        assertThatCode(() -> check(ScopedEndpoint.QUERY_RANGE, twoDays, wide)).doesNotThrowAnyException();
        refused(ScopedEndpoint.QUERY_RANGE, twoDays, 422, "limit_range", "longer than 1d (liberator.gateway.limits.max-range)");
        assertThatThrownBy(() -> check(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 5 * 86_400) + "&end="
                + (T - 4 * 86_400) + "&step=60", wide)).hasMessageContaining("further than 4d (this token's own limit,"
                + " limits.maxLookback, granted when it was issued)");
        assertThatCode(() -> check(ScopedEndpoint.QUERY, "query=up", narrow)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(ScopedEndpoint.QUERY, "query=upp", narrow))
                .hasMessageContaining("the query is 3 bytes, above 2 bytes (this token's own limit, limits.maxQueryLength");
        assertThatThrownBy(() -> check(ScopedEndpoint.QUERY_RANGE, "query=1&start=" + (T - 600) + "&end=" + T + "&step=30",
                narrow)).hasMessageContaining("below 1m (this token's own limit, limits.minStep");
        assertThatThrownBy(() -> check(ScopedEndpoint.QUERY_RANGE, "query=1&start=" + (T - 660) + "&end=" + T + "&step=60",
                narrow)).hasMessageContaining("11 points per series (range / step), above 10 (this token's own limit,"
                + " limits.maxPointsPerSeries");
        // what a token did not override is the setting's, named as such
        assertThatThrownBy(() -> check(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 2 * 86_400) + "&end=" + T
                + "&step=60", narrow)).hasMessageContaining("(liberator.gateway.limits.max-range)");
    }

    private void check(ScopedEndpoint endpoint, String form, TokenLimits own) {
        limits.check(endpoint, RequestParameters.of(endpoint, FormCodec.decode(form, "query string"), List.of()), NOW, own);
    }

    @Test
    void justUnderEachLimitPasses() {
        assertThatCode(() -> {
            check(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 11_000) + "&end=" + T + "&step=1");
            check(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 86_400) + "&end=" + T + "&step=15s");
            check(ScopedEndpoint.SERIES, "match[]=up&start=" + (T - 2 * 86_400));
            check(ScopedEndpoint.QUERY, "query=" + "1".repeat(100) + "&time=4"); // Grafana's "Save & test" shape
            check(ScopedEndpoint.QUERY, "query=up");
        }).doesNotThrowAnyException();
    }

    @Test
    void justOverEachLimitIsRefusedNamingLimitValueAndRemedy() {
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 11_001) + "&end=" + T + "&step=1", 422, "limit_points",
                "11001 points per series", "max-points-per-series", "widen the panel's Min interval to at least 2s");
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 86_401) + "&end=" + T + "&step=60", 422, "limit_range",
                "1d1s", "longer than 1d", "max-range", "shorten the dashboard's time range");
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + (T - 60) + "&end=" + T + "&step=0.999", 422, "limit_step",
                "999ms", "min-step", "Min interval to at least 1s");
        refused(ScopedEndpoint.LABELS, "start=" + (T - 2 * 86_400 - 1), 422, "limit_lookback", "2d1s ago", "max-lookback");
        refused(ScopedEndpoint.QUERY, "query=" + "1".repeat(101), 422, "limit_query_length", "101 bytes", "max-query-length");
        refused(ScopedEndpoint.SERIES, "match[]=" + "a".repeat(60) + "&match[]=" + "b".repeat(41), 422,
                "limit_query_length", "match[] selectors is 101 bytes");
    }

    @Test
    void aSeriesReadWithoutStartReadsFromTheBeginningAndIsRefused() {
        refused(ScopedEndpoint.LABEL_VALUES, "match[]=up", 422, "limit_lookback", "no start (from the beginning of the data)");
        refused(ScopedEndpoint.SERIES, "match[]=up&start=", 422, "limit_lookback", "no start");
        refused(ScopedEndpoint.SERIES, "match[]=up&start=-292273086-05-16T16:47:06Z", 422, "limit_lookback", "no start");
    }

    @Test
    void valuesThatAreNotTimesOrStepsAre400NamingTheParameter() {
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=yesterday&end=" + T + "&step=15", 400, "bad_start", "\"start\"");
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + T + "&end=" + T + "&step=15x", 400, "bad_step", "\"step\"");
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + T + "&end=" + T, 400, "bad_step", "needs a step");
        refused(ScopedEndpoint.QUERY_RANGE, "query=up&start=" + T + "&end=" + T + "&step=0", 400, "bad_step", "positive");
        refused(ScopedEndpoint.QUERY, "query=up&time=1&time=2", 400, "duplicate_parameter", "more than once");
    }

    @Test
    void aLimitOfZeroIsOff() {
        QueryLimits off = new QueryLimits(new LimitProperties(Duration.ZERO, Duration.ZERO, 11_000, 100, Duration.ZERO, 50, 500));
        assertThatCode(() -> off.check(ScopedEndpoint.QUERY_RANGE, RequestParameters.of(ScopedEndpoint.QUERY_RANGE,
                FormCodec.decode("query=up&start=0&end=" + T + "&step=1000000", "query string"), List.of()), NOW, TokenLimits.NONE))
                .doesNotThrowAnyException();
    }
}
