package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle for scoped tokens, against a real Prometheus holding two tenants in one TSDB: for every
 * line of the corpus, what a token scoped {@code {namespace="payments"}} is answered through the
 * gateway equals what Prometheus answers, asked directly, to the same query with the scope's
 * matchers written into every selector by hand. Instant queries at {@link TwoTenantData#AT}, and
 * range queries over the hour before it (a range query cannot be asked for a line whose answer is a
 * range vector). A second token with a two-matcher scope (a regex and an equality) asks every fourth
 * line, instant only, to keep the class under a minute. Answers are compared as Prometheus JSON with
 * series sorted and sample values as the strings Prometheus wrote ({@link PromAnswer}).
 *
 * <p>{@link OracleCorpusSoundnessTest} shows the oracle cannot be passed by a gateway that forwards
 * queries unscoped; {@link ScopedReadsLeakTest} checks the other read endpoints.
 */
@ExtendWith({SharedInfra.class, TwoTenantPrometheus.class})
class ScopeOracleTest {

    static final String SCOPE_A = "{namespace=\"payments\"}";
    static final String SCOPE_A_EU = "{cluster=~\"eu-.*\",namespace=\"payments\"}";
    /** Range queries cover the hour before {@link TwoTenantData#AT}, a point every five minutes. */
    static final long RANGE = 3600;
    static final long STEP = 300;

    private static GatewayHarness gateway;
    private static PrometheusApi prometheus;
    private static PrometheusApi tenantA;
    private static PrometheusApi tenantAEu;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(TwoTenantPrometheus.fixture().url(), Map.of());
        prometheus = TwoTenantPrometheus.fixture().api();
        tenantA = ScopedTokens.issue(gateway, "payments-grafana", SCOPE_A);
        tenantAEu = ScopedTokens.issue(gateway, "payments-grafana-eu", SCOPE_A_EU);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static List<OracleQuery> corpus() {
        return OracleCorpus.load();
    }

    static List<OracleQuery> everyFourthLine() {
        List<OracleQuery> corpus = corpus();
        return IntStream.range(0, corpus.size()).filter(i -> i % 4 == 0).mapToObj(corpus::get).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void scopedTokenIsAnsweredWhatPrometheusAnswersToTheQueryScopedByHand(OracleQuery query) {
        assertSameAnswers(query, SCOPE_A, tenantA, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFourthLine")
    void twoMatcherScopeIsAnsweredWhatPrometheusAnswersToTheQueryScopedByHand(OracleQuery query) {
        assertSameAnswers(query, SCOPE_A_EU, tenantAEu, false);
    }

    private static void assertSameAnswers(OracleQuery query, String scope, PrometheusApi token, boolean alsoRange) {
        String byHand = query.scopedBy(scope);
        PromAnswer expected = PromAnswer.of(prometheus.query(byHand, AT));
        PromAnswer through = PromAnswer.of(token.query(query.unscoped(), AT));
        assertThat(through).as("instant query %s with scope %s; scoped by hand: %s", query.unscoped(), scope, byHand)
                .isEqualTo(expected);
        if (alsoRange && (expected.resultType().equals("vector") || expected.resultType().equals("scalar"))) {
            PromAnswer expectedRange = PromAnswer.of(prometheus.queryRange(byHand, AT - RANGE, AT, STEP));
            PromAnswer throughRange = PromAnswer.of(token.queryRange(query.unscoped(), AT - RANGE, AT, STEP));
            assertThat(throughRange).as("range query %s with scope %s; scoped by hand: %s", query.unscoped(), scope, byHand)
                    .isEqualTo(expectedRange);
        }
    }
}
