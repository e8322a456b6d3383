package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.testing.Answers;
import com.cloudquant.liberator.promql.testing.Corpus;
import com.cloudquant.liberator.promql.testing.Mutations;
import com.cloudquant.liberator.promql.testing.PrometheusServer;
import com.cloudquant.liberator.promql.testing.PrometheusServer.Answer;
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
 * The parser against the real Prometheus 2.42: for the corpus, hand-written malformed queries
 * and generated mutations of the corpus, we refuse exactly what Prometheus refuses (400
 * bad_data), except the documented list of promql-extra-refusals.txt, which is checked too.
 * Accepted queries are also re-printed and must give Prometheus's identical answer.
 */
class ParserDifferentialTest {

    @TempDir
    static Path dir;

    private static PrometheusServer prometheus;
    private static TwoTenants fixture;

    @BeforeAll
    static void startPrometheus() throws Exception {
        fixture = new TwoTenants(System.currentTimeMillis() / 1000);
        prometheus = PrometheusServer.start(dir, fixture.openMetrics());
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        prometheus.close();
    }

    @Test
    void corpusQueriesAreAcceptedByPrometheusAndByTheParser() {
        List<String> corpus = Corpus.queries();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        List<String> failures = new ArrayList<>();
        for (String q : corpus) {
            Answer answer = prometheus.query(q, fixture.queryTime());
            if (answer.parseError()) {
                failures.add("Prometheus refuses corpus query " + q + ": " + answer.body());
            }
            String ours = verdict(q);
            if (ours != null) {
                failures.add("we refuse corpus query " + q + ": " + ours);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void reprintedQueriesGetTheSameAnswerAsTheOriginal() {
        List<String> failures = new ArrayList<>();
        int nonEmpty = 0;
        for (String q : Corpus.queries()) {
            String printed = ScopedQuery.rewrite(q, Scope.NONE);
            Answer original = prometheus.query(q, fixture.queryTime());
            Answer reprinted = prometheus.query(printed, fixture.queryTime());
            if (!Answers.same(original, reprinted)) {
                failures.add(q + "  printed as  " + printed + "\n  " + original.body() + "\n  " + reprinted.body());
            }
            nonEmpty += Answers.hasData(original) ? 1 : 0;
        }
        assertThat(failures).isEmpty();
        assertThat(nonEmpty).as("queries whose answer has data to compare").isGreaterThan(150);
    }

    @Test
    void scopedQueriesAreAcceptedByPrometheus() {
        Scope scope = Scope.parse("{tenant=\"a\",namespace=~\"pay.*\"}");
        List<String> failures = new ArrayList<>();
        for (String q : Corpus.queries()) {
            String scoped = ScopedQuery.rewrite(q, scope);
            Answer answer = prometheus.query(scoped, fixture.queryTime());
            if (answer.parseError()) {
                failures.add(q + "  scoped as  " + scoped + ": " + answer.body());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void malformedQueriesAreRefusedExactlyWhenPrometheusRefusesThem() {
        List<String> handWritten = Corpus.lines("/promql-malformed.txt");
        Set<String> queries = new LinkedHashSet<>(handWritten);
        queries.addAll(Mutations.of(Corpus.queries()));
        for (String regex : Corpus.lines("/promql-regex-probes.txt")) {
            queries.add("x{a=~`" + regex + "`}");
        }
        queries.add("x{a=~`" + "(".repeat(400) + "x" + ")".repeat(400) + "`}");
        queries.add("x{a=~`" + "(".repeat(1001) + "x" + ")".repeat(1001) + "`}");
        List<String> failures = new ArrayList<>();
        int refusedByBoth = 0;
        int acceptedByBoth = 0;
        for (String q : queries) {
            boolean prometheusRefuses = prometheus.query(q, fixture.queryTime()).parseError();
            String ours = verdict(q);
            if (handWritten.contains(q) && !prometheusRefuses) {
                failures.add("Prometheus accepts the malformed query " + q);
            }
            if (prometheusRefuses != (ours != null) && !(ours != null && isExtraRefusal(ours))) {
                failures.add((prometheusRefuses ? "Prometheus refuses, we accept: " : "we refuse (" + ours + "): ") + q);
            }
            refusedByBoth += prometheusRefuses && ours != null ? 1 : 0;
            acceptedByBoth += !prometheusRefuses && ours == null ? 1 : 0;
        }
        System.out.printf("differential: %d queries, %d refused by both, %d accepted by both, %d refused by us only"
                + " (documented)%n", queries.size(), refusedByBoth, acceptedByBoth, queries.size() - refusedByBoth
                - acceptedByBoth - failures.size());
        assertThat(failures).isEmpty();
        assertThat(refusedByBoth).isGreaterThan(600);
    }

    @Test
    void extraRefusalsAreAcceptedByPrometheusAndRefusedByUs() {
        List<String> extra = Corpus.lines("/promql-extra-refusals.txt");
        assertThat(extra).isNotEmpty();
        for (String q : extra) {
            assertThat(prometheus.query(q, fixture.queryTime()).parseError()).as("Prometheus refuses " + q).isFalse();
            assertThat(verdict(q)).as("our verdict on " + q).isNotNull().satisfies(m -> assertThat(isExtraRefusal(m)).isTrue());
        }
        // too long for the file: regexes nesting more than 500 groups, which Go accepts for (?:…)
        String deep = "x{a=~`" + "(?:".repeat(600) + "x" + ")".repeat(600) + "`}";
        assertThat(prometheus.query(deep, fixture.queryTime()).parseError()).isFalse();
        assertThat(verdict(deep)).contains("nests too deeply");
        // queries deeper than the parser's limits (Prometheus has none)
        for (String tooDeep : List.of("(".repeat(300) + "x" + ")".repeat(300), "x" + " + x".repeat(600),
                "-".repeat(300) + "x", "x" + " ^ x".repeat(300), "abs(".repeat(300) + "x" + ")".repeat(300))) {
            assertThat(prometheus.query(tooDeep, fixture.queryTime()).parseError()).isFalse();
            assertThat(isExtraRefusal(verdict(tooDeep))).as(tooDeep).isTrue();
        }
    }

    /** Null when we accept the query, else our refusal message. */
    private static String verdict(String q) {
        try {
            ScopedQuery.rewrite(q, Scope.NONE);
            return null;
        } catch (PromQLException e) {
            assertThat(e.position()).isBetween(0, q.length());
            return e.getMessage();
        }
    }

    private static boolean isExtraRefusal(String message) {
        return message.contains("unexpected character inside brackets") || message.contains("do not form valid UTF-8")
                || message.contains("nests too deeply") || message.contains("query refused: it nests deeper")
                || message.contains("expression tree is deeper");
    }
}
