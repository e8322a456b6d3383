package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlNamesTest {

    @Test
    void findsMetricsButNotFunctionsAggregationsOrKeywords() {
        PromqlNames names = PromqlNames.of(
                "histogram_quantile(0.95, sum by (le, route) (rate(a_seconds_bucket{outcome=\"failed\"}[5m]))) > bool 1e3 or on (job) b2_total offset 5m");

        assertThat(names.metrics()).containsExactlyInAnyOrder("a_seconds_bucket", "b2_total");
        assertThat(names.labels()).containsExactlyInAnyOrder("le", "route", "outcome", "job");
    }

    @Test
    void ignoresWhatIsInsideStringsAndRanges() {
        PromqlNames names = PromqlNames.of("sum(rate(x_total{code=~\"5..|other_name\", consumer!=\"-\"}[$x:1m])) / sum without (consumer) (y)");

        assertThat(names.metrics()).containsExactlyInAnyOrder("x_total", "y");
        assertThat(names.labels()).containsExactlyInAnyOrder("code", "consumer");
    }

    @Test
    void aggregationWithTrailingByClause() {
        PromqlNames names = PromqlNames.of("sum(rate(z[1m])) by (instance)");

        assertThat(names.metrics()).containsExactly("z");
        assertThat(names.labels()).containsExactly("instance");
    }
}
