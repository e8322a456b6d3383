package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle of {@link ScopeOracleTest} is sound, whatever the gateway does: every corpus line
 * parses in Prometheus both as a user writes it and scoped by hand, its scoped answer holds
 * nothing of tenant B, every selector carries a marker (as Prometheus's answers show;
 * {@link OracleCorpusTest} reads the tokens), Prometheus gives the scoped query the same answer
 * each time it is asked (so comparing floats digit for digit is fair), and the scope changes enough
 * answers that a gateway passing queries through unscoped could not pass the oracle.
 */
@ExtendWith({SharedInfra.class, TwoTenantPrometheus.class})
class OracleCorpusSoundnessTest {

    private static final System.Logger LOG = System.getLogger(OracleCorpusSoundnessTest.class.getName());
    private static final String SCOPE_A = ScopeOracleTest.SCOPE_A;
    /** Matches no series, and (a regex) is not copied into {@code absent}'s answer. */
    private static final String NOWHERE = "{namespace=~\"none-such\"}";
    private static final Map<String, PromAnswer> FIXTURE = new ConcurrentHashMap<>();
    private static final Map<String, PromAnswer> EMPTY = new ConcurrentHashMap<>();

    static List<OracleQuery> corpus() {
        return OracleCorpus.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyLineParsesHoldsNothingOfTenantBScopedAndScopesEverySelector(OracleQuery query) {
        PromAnswer unscoped = fixture(query.unscoped());
        PromAnswer scoped = fixture(query.scopedBy(SCOPE_A));
        assertThat(unscoped.parses()).as("Prometheus answers %s with %s", query.unscoped(), unscoped.canonical()).isTrue();
        assertThat(scoped.parses()).as("Prometheus answers %s with %s", query.scopedBy(SCOPE_A), scoped.canonical()).isTrue();
        assertThat(TwoTenantPrometheus.fixture().tenantB().foundIn(scoped.canonical()))
                .as("tenant B in the scoped answer %s", PromAnswer.abbreviate(scoped.canonical())).isEmpty();
        // a selector without a marker would still find data where every marked one finds none
        assertThat(fixture(query.scopedBy(NOWHERE))).as("every selector of %s has a marker", query.template())
                .isEqualTo(empty(query.unscoped()));
        if (scoped.resultType().equals("vector") || scoped.resultType().equals("scalar")) {
            PrometheusApi api = TwoTenantPrometheus.fixture().api();
            List<PromAnswer> asked = IntStream.range(0, 3).mapToObj(i -> PromAnswer.of(api.queryRange(query.scopedBy(SCOPE_A),
                    AT - ScopeOracleTest.RANGE, AT, ScopeOracleTest.STEP))).distinct().toList();
            assertThat(asked).as("Prometheus answers the range query %s the same each time", query.scopedBy(SCOPE_A))
                    .hasSize(1).allMatch(PromAnswer::success);
        }
    }

    @Test
    void fewScopedQueriesFailInExecutionAndEachOnlyForWantOfData() {
        // topk/bottomk with a NaN parameter: what the attack gets once its parameter sees no data
        List<OracleQuery> failing = corpus().stream().filter(q -> !fixture(q.scopedBy(SCOPE_A)).success()).toList();
        assertThat(failing).as(describe(failing)).hasSizeLessThanOrEqualTo(8)
                .allSatisfy(q -> assertThat(fixture(q.scopedBy(SCOPE_A)).canonical()).contains("NaN"))
                .allSatisfy(q -> assertThat(fixture(q.unscoped()).success()).as(q.toString()).isTrue());
    }

    @Test
    void theFixtureAnswersMostScopedQueriesWithData() {
        List<OracleQuery> corpus = corpus();
        List<OracleQuery> empty = corpus.stream().filter(q -> fixture(q.scopedBy(SCOPE_A)).isEmpty()).toList();
        LOG.log(System.Logger.Level.INFO, "event=oracle_corpus lines={0} empty_scoped_answers={1}", corpus.size(), empty.size());
        assertThat(empty.size()).as("empty scoped answers: %s", empty).isLessThanOrEqualTo(corpus.size() / 5);
    }

    @Test
    void theScopeChangesMostAnswersSoAnUnscopedGatewayFailsTheOracle() {
        List<OracleQuery> corpus = corpus();
        long changed = corpus.stream()
                .filter(q -> !fixture(q.scopedBy(SCOPE_A)).equals(fixture(q.unscoped())))
                .count();
        LOG.log(System.Logger.Level.INFO, "event=oracle_corpus lines={0} answers_changed_by_scope={1}", corpus.size(), changed);
        assertThat(changed).isGreaterThanOrEqualTo(corpus.size() * 3L / 4);
    }

    @Test
    void whatTenantAMaySeeMentionsNothingOfTenantBAndTheUnscopedAnswersDo() {
        TwoTenantPrometheus.Fixture fixture = TwoTenantPrometheus.fixture();
        String scope = PrometheusApi.encode(SCOPE_A);
        Map<String, String> tenantAEvidence = Map.of(
                "/api/v1/series?match[]=" + scope, "payments-api",
                "/api/v1/labels?match[]=" + scope, "currency",
                "/api/v1/label/__name__/values?match[]=" + scope, "payments_transactions_total",
                "/api/v1/label/job/values?match[]=" + scope, "ledger",
                "/federate?match[]=" + scope, "payments");
        for (Map.Entry<String, String> check : tenantAEvidence.entrySet()) {
            String path = check.getKey();
            String answer = fixture.api().get(path).body();
            assertThat(fixture.tenantB().foundIn(answer)).as(path).isEmpty();
            assertThat(answer).as(path).contains(check.getValue());
            String unscoped = fixture.api().get(path.replace(scope, PrometheusApi.encode("{__name__=~\".+\"}"))).body();
            assertThat(fixture.tenantB().foundIn(unscoped)).as(path).isNotEmpty();
        }
        assertThat(fixture.tenantB().foundIn(fixture.api().get("/api/v1/rules").body())).isNotEmpty();
        assertThat(fixture.tenantB().foundIn(fixture.api().get("/api/v1/metadata").body())).isNotEmpty();
    }

    @Test
    void theExporterWasScrapedWithoutAFailure() {
        FixtureExporter exporter = TwoTenantPrometheus.fixture().exporter();
        assertThat(exporter.served()).isPositive();
        assertThat(exporter.failed()).isZero();
    }

    private static PromAnswer fixture(String promql) {
        return FIXTURE.computeIfAbsent(promql, q -> PromAnswer.of(TwoTenantPrometheus.fixture().api().query(q, AT)));
    }

    /** The answer of a Prometheus without any sample near {@link TwoTenantData#AT}: the suite's shared one. */
    private static PromAnswer empty(String promql) {
        return EMPTY.computeIfAbsent(promql, q -> PromAnswer.of(new PrometheusApi(SharedInfra.prometheus().url()).query(q, AT)));
    }

    static String describe(List<OracleQuery> queries) {
        return queries.stream().map(OracleQuery::toString).collect(Collectors.joining("\n"));
    }
}
