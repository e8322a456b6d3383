package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.promql.testing.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scope reaches every selector, wherever it sits; the table names each place. */
class ScopedQueryTest {

    private static final Scope SCOPE = Scope.parse("{ns=\"p\",cluster=~\"eu-.*\"}");
    private static final String S = "cluster=~\"eu-.*\",ns=\"p\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "plain selector|up|up{S}",
        "user matchers kept, same label ANDed|up{ns=\"other\",job=~\"a.*\"}|up{ns=\"other\",job=~\"a.*\",S}",
        "identical user matcher not repeated|up{ns=\"p\"}|up{ns=\"p\",cluster=~\"eu-.*\"}",
        "__name__ regex|{__name__=~\".+\"}|{__name__=~\".+\",S}",
        "keyword as metric name|offset offset 5m|offset{S} offset 5m",
        "range selector|rate(x[5m])|rate(x{S}[5m])",
        "offset, negative|x offset -1h|x{S} offset -1h",
        "@ timestamp|x @ 100|x{S} @ 100",
        "@ start() on a range|rate(x[5m] @ start())|rate(x{S}[5m] @ start())",
        "@ end() and offset|x @ end() offset 1m|x{S} @ end() offset 1m",
        "subquery|max_over_time(x[1h:5m])|max_over_time(x{S}[1h:5m])",
        "nested subqueries|max_over_time(deriv(rate(x[5s])[30s:5s])[10m:] offset 1h)|max_over_time(deriv(rate(x{S}[5s])[30s:5s])[10m:] offset 1h)",
        "subquery of a paren|(a + b)[5m:]|(a{S} + b{S})[5m:]",
        "topk parameter|topk(scalar(k), x)|topk(scalar(k{S}), x{S})",
        "bottomk parameter with by|bottomk by (a) (scalar(sum(k)), x)|bottomk by (a) (scalar(sum(k{S})), x{S})",
        "quantile parameter|quantile(scalar(q), x)|quantile(scalar(q{S}), x{S})",
        "count_values parameter is a string|count_values(\"v\", x)|count_values(\"v\", x{S})",
        "the attack|count(topk(scalar(sum(secret{tenant=\"other\"})), {__name__=~\".+\"}))|count(topk(scalar(sum(secret{tenant=\"other\",S})), {__name__=~\".+\",S}))",
        "or with on()|a or on() b|a{S} or on () b{S}",
        "unless with on(labels)|a unless on(x) b|a{S} unless on (x) b{S}",
        "and with ignoring|a and ignoring(y) b|a{S} and ignoring (y) b{S}",
        "group_left|a * on(i) group_left(t) b|a{S} * on (i) group_left (t) b{S}",
        "comparison with bool|a > bool b|a{S} > bool b{S}",
        "label_replace manufactures a label|label_replace(x, \"ns\", \"p\", \"ns\", \".*\")|label_replace(x{S}, \"ns\", \"p\", \"ns\", \".*\")",
        "label_join|label_join(x, \"ns\", \",\", \"a\", \"b\")|label_join(x{S}, \"ns\", \",\", \"a\", \"b\")",
        "absent|absent(nope{job=\"j\"})|absent(nope{job=\"j\",S})",
        "absent_over_time|absent_over_time(nope[1h])|absent_over_time(nope{S}[1h])",
        "vector() has no selector|vector(1)|vector(1)",
        "scalar() of a selector|vector(scalar(x)) + time()|vector(scalar(x{S})) + time()",
        "histogram_quantile parameter|histogram_quantile(scalar(q), rate(b[5m]))|histogram_quantile(scalar(q{S}), rate(b{S}[5m]))",
        "function scalar arguments|clamp(x, scalar(lo), scalar(hi))|clamp(x{S}, scalar(lo{S}), scalar(hi{S}))",
        "unary and parens|-(x) ^ 2|-(x{S}) ^ 2",
        "number literals only|1 + 2 * 3 > bool 4|1 + 2 * 3 > bool 4",
        "string literal only|\"s\"|\"s\"",
    })
    void addsTheScopeToEverySelector(String place, String query, String scoped) {
        assertThat(ScopedQuery.rewrite(query, SCOPE)).isEqualTo(scoped.replace("S}", S + "}").replace("{,", "{"));
    }

    @Test
    void everyCorpusQueryKeepsItsSelectorsAndGainsTheScopeOnEach() {
        for (String q : Corpus.queries()) {
            List<Expr.VectorSelector> before = Trees.selectors(Parser.parse(q));
            List<Expr.VectorSelector> after = Trees.selectors(Parser.parse(ScopedQuery.rewrite(q, SCOPE)));
            assertThat(after).as(q).hasSameSizeAs(before);
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).matchers()).as(q).containsAll(SCOPE.matchers()).containsAll(before.get(i).matchers());
                assertThat(after.get(i).name()).isEqualTo(before.get(i).name());
                assertThat(after.get(i).modifiers()).isEqualTo(before.get(i).modifiers());
            }
        }
    }

    @Test
    void unscopedReprintsTheQuery() {
        assertThat(ScopedQuery.rewrite("sum(rate(x{a='b'}[5m])) by (c) # why", Scope.NONE))
                .isEqualTo("sum by (c) (rate(x{a=\"b\"}[5m]))");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "up|up{" + "cluster=~\"eu-.*\",ns=\"p\"}",
        "{job=\"a\"}|{job=\"a\",cluster=~\"eu-.*\",ns=\"p\"}",
        "  sum { ns = 'x' } # keyword as name|sum{ns=\"x\",cluster=~\"eu-.*\",ns=\"p\"}",
        "{__name__=~\"job:.*\"}|{__name__=~\"job:.*\",cluster=~\"eu-.*\",ns=\"p\"}",
    })
    void scopesSeriesSelectors(String match, String scoped) {
        assertThat(ScopedQuery.rewriteSelector(match, SCOPE)).isEqualTo(scoped);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "up[5m]|2", "up offset 5m|3", "rate(up[5m])|4", "{}|0", "{a=\"\"}|0", "up{__name__=\"x\"}|0", "up + up|3",
        "on|0", "^^|0", "up{|3",
    })
    void refusesAnythingButASeriesSelector(String match, int position) {
        assertThatThrownBy(() -> ScopedQuery.rewriteSelector(match, SCOPE)).isInstanceOf(PromQLException.class)
                .satisfies(e -> assertThat(((PromQLException) e).position()).isEqualTo(position));
        assertThatThrownBy(() -> ScopedQuery.rewriteSelector(match, Scope.NONE)).isInstanceOf(PromQLException.class);
    }

    @Test
    void refusesWhatDoesNotParseWhetherScopedOrNot() {
        for (Scope scope : List.of(SCOPE, Scope.NONE)) {
            assertThatThrownBy(() -> ScopedQuery.rewrite("sum(x", scope)).isInstanceOf(PromQLException.class)
                    .hasMessageContaining("at position 5");
            assertThatThrownBy(() -> ScopedQuery.rewrite(null, scope)).isInstanceOf(PromQLException.class);
        }
    }

    @Test
    void theFinalCheckRefusesATextWithAnUnscopedSelector() {
        String text = "a{cluster=~\"eu-.*\",ns=\"p\"} + b";
        assertThatThrownBy(() -> ScopedQuery.verify(text, Parser.parse(text), SCOPE))
                .isInstanceOf(PromQLException.class).hasMessageContaining("lacks the scope");
        String other = "a{cluster=~\"eu-.*\",ns=\"p\"}";
        assertThatThrownBy(() -> ScopedQuery.verify(other + " ", Parser.parse(other), SCOPE))
                .isInstanceOf(PromQLException.class).hasMessageContaining("did not parse back");
    }
}
