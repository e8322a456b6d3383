package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.promql.testing.Corpus;
import com.cloudquant.liberator.promql.testing.PrometheusServer;
import com.cloudquant.liberator.promql.testing.TwoTenants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScopedQuery#rewriteSelector} against the real Prometheus 2.42's {@code /api/v1/series}:
 * every corpus and malformed line as a {@code match[]}, refused by us exactly when Prometheus
 * answers 400 bad_data, but for the documented name-set-twice case.
 */
class SeriesSelectorDifferentialTest {

    @TempDir
    static Path dir;

    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws Exception {
        prometheus = PrometheusServer.start(dir, new TwoTenants(System.currentTimeMillis() / 1000).openMetrics());
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        prometheus.close();
    }

    @Test
    void seriesSelectorsAreRefusedExactlyWhenPrometheusRefusesThem() {
        Set<String> selectors = new LinkedHashSet<>(Corpus.queries());
        selectors.addAll(Corpus.lines("/promql-malformed.txt"));
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (String match : selectors) {
            boolean prometheusRefuses = prometheus.series(match).parseError();
            String ours;
            try {
                ScopedQuery.rewriteSelector(match, Scope.NONE);
                ours = null;
                accepted++;
            } catch (PromQLException e) {
                ours = e.getMessage();
            }
            boolean nameTwice = ours != null && ours.contains("metric name must not be set twice");
            if (prometheusRefuses != (ours != null) && !(nameTwice && !prometheusRefuses)) {
                failures.add((prometheusRefuses ? "Prometheus refuses, we accept: " : "we refuse (" + ours + "): ") + match);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(accepted).as("selectors both accept").isGreaterThan(40);
        // the documented extra refusal: Prometheus's series API does not check a name set twice
        assertThat(prometheus.series("up{__name__=\"x\"}").parseError()).isFalse();
        assertThatThrownBy(() -> ScopedQuery.rewriteSelector("up{__name__=\"x\"}", Scope.NONE))
                .isInstanceOf(PromQLException.class);
    }
}
