package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.testing.Answers;
import com.cloudquant.liberator.promql.testing.Corpus;
import com.cloudquant.liberator.promql.testing.PrometheusServer;
import com.cloudquant.liberator.promql.testing.PrometheusServer.Answer;
import com.cloudquant.liberator.promql.testing.TwoTenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle for the rewrite, with two real Prometheus servers: one holds tenants a and b, the
 * other tenant a only. A query scoped to tenant a must get the same answer from both — nothing
 * tenant b stored may change it — for every corpus query and the parameter attacks; the same
 * queries unscoped do tell the servers apart, which shows the comparison can fail.
 */
class ScopeNonInterferenceTest {

    private static final Scope TENANT_A = Scope.parse("{tenant=\"a\",namespace=~\"pay.*\"}");

    /** Reads tenant b through a parameter; each comes with the same query scoped by hand. */
    private static final List<List<String>> ATTACKS = List.of(
            List.of("count(topk(scalar(sum(secret{tenant=\"b\"})), {__name__=~\".+\"}))",
                    "count(topk(scalar(sum(secret{tenant=\"b\",tenant=\"a\",namespace=~\"pay.*\"})),"
                            + " {__name__=~\".+\",tenant=\"a\",namespace=~\"pay.*\"}))"),
            List.of("quantile(scalar(sum(secret{tenant=\"b\"})) / 100, x)",
                    "quantile(scalar(sum(secret{tenant=\"b\",tenant=\"a\",namespace=~\"pay.*\"})) / 100,"
                            + " x{tenant=\"a\",namespace=~\"pay.*\"})"),
            List.of("count_values(\"v\", secret{tenant=\"b\"})",
                    "count_values(\"v\", secret{tenant=\"b\",tenant=\"a\",namespace=~\"pay.*\"})"),
            List.of("x > bool scalar(sum(secret{tenant=\"b\"}))",
                    "x{tenant=\"a\",namespace=~\"pay.*\"} > bool scalar(sum(secret{tenant=\"b\",tenant=\"a\",namespace=~\"pay.*\"}))"),
            List.of("bottomk(scalar(count(secret{tenant=\"b\"})), {__name__=\"secret\"})",
                    "bottomk(scalar(count(secret{tenant=\"b\",tenant=\"a\",namespace=~\"pay.*\"})),"
                            + " {__name__=\"secret\",tenant=\"a\",namespace=~\"pay.*\"})"),
            List.of("label_replace(secret, \"tenant\", \"a\", \"tenant\", \".*\")",
                    "label_replace(secret{tenant=\"a\",namespace=~\"pay.*\"}, \"tenant\", \"a\", \"tenant\", \".*\")"));

    @TempDir
    static Path dir;

    private static TwoTenants fixture;
    private static PrometheusServer both;
    private static PrometheusServer onlyA;

    @BeforeAll
    static void start() throws Exception {
        fixture = new TwoTenants(System.currentTimeMillis() / 1000);
        both = PrometheusServer.start(Files.createDirectory(dir.resolve("both")), fixture.openMetrics());
        onlyA = PrometheusServer.start(Files.createDirectory(dir.resolve("a")), fixture.openMetrics(List.of("a")));
    }

    @AfterAll
    static void stop() throws Exception {
        both.close();
        onlyA.close();
    }

    @Test
    void scopedAnswersDoNotDependOnTheOtherTenantsData() {
        List<String> leaks = new ArrayList<>();
        int withData = 0;
        int unscopedDiffer = 0;
        List<String> queries = new ArrayList<>(Corpus.queries());
        ATTACKS.forEach(pair -> queries.add(pair.get(0)));
        for (String q : queries) {
            String scoped = ScopedQuery.rewrite(q, TENANT_A);
            Answer fromBoth = both.query(scoped, fixture.queryTime());
            if (!Answers.same(fromBoth, onlyA.query(scoped, fixture.queryTime()))) {
                leaks.add(q + "  scoped as  " + scoped);
            }
            withData += Answers.hasData(fromBoth) ? 1 : 0;
            unscopedDiffer += Answers.same(both.query(q, fixture.queryTime()), onlyA.query(q, fixture.queryTime())) ? 0 : 1;
        }
        assertThat(leaks).isEmpty();
        assertThat(withData).as("scoped answers with data").isGreaterThan(150);
        assertThat(unscopedDiffer).as("unscoped queries whose answer tenant b changes").isGreaterThan(150);
    }

    @Test
    void parameterAttacksGetTheHandScopedAnswerAndWouldLeakUnscoped() {
        for (List<String> attack : ATTACKS) {
            String scoped = ScopedQuery.rewrite(attack.get(0), TENANT_A);
            assertThat(Answers.same(both.query(scoped, fixture.queryTime()), both.query(attack.get(1), fixture.queryTime())))
                    .as(attack.get(0)).isTrue();
            assertThat(Answers.same(both.query(attack.get(0), fixture.queryTime()),
                    onlyA.query(attack.get(0), fixture.queryTime()))).as("unscoped " + attack.get(0) + " reads tenant b").isFalse();
        }
    }
}
