package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private static ExecutorService askers;
    /** Per scope and corpus line, the answers being fetched: three at a time, so the class stays under a minute. */
    private static final Map<String, Future<Answers>> ANSWERS = new ConcurrentHashMap<>();

    /** What Prometheus answers to the query scoped by hand, and what the scoped token is answered through the gateway. */
    record Answers(String byHand, PromAnswer expected, PromAnswer through, PromAnswer expectedRange,
                   PromAnswer throughRange) {
    }

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(TwoTenantPrometheus.fixture().url(), TwoTenantPrometheus.GATEWAY_SETTINGS);
        prometheus = TwoTenantPrometheus.fixture().api();
        PrometheusApi tenantA = ScopedTokens.issue(gateway, "payments-grafana", SCOPE_A);
        PrometheusApi tenantAEu = ScopedTokens.issue(gateway, "payments-grafana-eu", SCOPE_A_EU);
        askers = Executors.newFixedThreadPool(3);
        for (OracleQuery query : corpus()) {
            ANSWERS.put(SCOPE_A + query.line(), askers.submit(() -> ask(query, SCOPE_A, tenantA, true)));
        }
        for (OracleQuery query : everyFourthLine()) {
            ANSWERS.put(SCOPE_A_EU + query.line(), askers.submit(() -> ask(query, SCOPE_A_EU, tenantAEu, false)));
        }
    }

    @AfterAll
    static void stop() {
        askers.shutdownNow();
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
    void scopedTokenIsAnsweredWhatPrometheusAnswersToTheQueryScopedByHand(OracleQuery query) throws Exception {
        assertSameAnswers(query, SCOPE_A);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFourthLine")
    void twoMatcherScopeIsAnsweredWhatPrometheusAnswersToTheQueryScopedByHand(OracleQuery query) throws Exception {
        assertSameAnswers(query, SCOPE_A_EU);
    }

    private static void assertSameAnswers(OracleQuery query, String scope) throws Exception {
        Answers answers = ANSWERS.get(scope + query.line()).get(60, TimeUnit.SECONDS);
        assertThat(answers.through()).as("instant query %s with scope %s; scoped by hand: %s", query.unscoped(), scope,
                answers.byHand()).isEqualTo(answers.expected());
        assertThat(answers.throughRange()).as("range query %s with scope %s; scoped by hand: %s", query.unscoped(), scope,
                answers.byHand()).isEqualTo(answers.expectedRange());
    }

    /** Asks both; a range query too when {@code alsoRange} and the answer is not a range vector (which has none). */
    private static Answers ask(OracleQuery query, String scope, PrometheusApi token, boolean alsoRange) {
        String byHand = query.scopedBy(scope);
        PromAnswer expected = PromAnswer.of(prometheus.query(byHand, AT));
        PromAnswer through = PromAnswer.of(token.query(query.unscoped(), AT));
        if (!alsoRange || !(expected.resultType().equals("vector") || expected.resultType().equals("scalar"))) {
            return new Answers(byHand, expected, through, null, null);
        }
        return new Answers(byHand, expected, through, PromAnswer.of(prometheus.queryRange(byHand, AT - RANGE, AT, STEP)),
                PromAnswer.of(token.queryRange(query.unscoped(), AT - RANGE, AT, STEP)));
    }
}
