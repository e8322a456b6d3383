package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tree each node type and each operator combination parses to, as Prometheus 2.42 builds it. */
class ParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        // literals
        "23|23.0", "-2.43|-2.43", "3.4e-9|3.4E-9", "0x8f|143.0", "0X1F|31.0", "010|8.0", "08|8.0", ".5|0.5", "5.|5.0",
        "Inf|Infinity", "-inf|-Infinity", "+NaN|NaN", "1e-400|0.0", "- - 1|1.0", "-0|-0.0",
        "\"a\\tb\"|str:a\tb", "'it\\'s'|str:it's", "`a\\nb`|str:a\\nb",
        // selectors, names that are keywords elsewhere
        "up|sel:up[]", "up{job=\"x\"}|sel:up[job=\"x\"]", "{__name__=~\"up.*\"}|sel:[__name__=~\"up.*\"]",
        "up{a=\"1\",a!=\"2\",b=~\"3\",c!~\"4\",}|sel:up[a=\"1\", a!=\"2\", b=~\"3\", c!~\"4\"]",
        "offset|sel:offset[]", "sum{a=\"b\"}|sel:sum[a=\"b\"]", "and|sel:and[]", "foo and and|(and MANY_TO_MANY ignoring[] sel:foo[] sel:and[])",
        ":a:b|sel::a:b[]", "x{on=\"1\",by=\"2\"}|sel:x[on=\"1\", by=\"2\"]", "UP # comment|sel:UP[]",
        // ranges, subqueries, offset, @
        "x[5m]|(range sel:x[] 300000)", "x[1h30m] offset 1d|(range sel:x[] 5400000 offset86400000)",
        "x offset -1w|sel:x[] offset-604800000", "x @ 100|sel:x[] @100.0", "x @ -1.5|sel:x[] @-1.5",
        "x @ start()|sel:x[] @start", "x @ end() offset 5m|sel:x[] @end offset300000",
        "x offset 5m @ 0x10|sel:x[] @16.0 offset300000", "x[5m] @ 1|(range sel:x[] 300000 @1.0)",
        "x[5m:]|(subquery sel:x[] 300000:0)", "x[5m:1m] offset 1m|(subquery sel:x[] 300000:60000 offset60000)",
        "x offset 5m [10m:1m]|(subquery sel:x[] offset300000 600000:60000)",
        "max_over_time(rate(x[1m])[5m:])[1h:5m]|(subquery (max_over_time (subquery (rate (range sel:x[] 60000)) 300000:0)) 3600000:300000)",
        // functions and aggregations with their parameters
        "rate(x[5m])|(rate (range sel:x[] 300000))", "time()|(time)", "round(x, 5)|(round sel:x[] 5.0)",
        "label_join(x, \"d\", \",\", \"a\", \"b\")|(label_join sel:x[] str:d str:, str:a str:b)",
        "sum(x)|(sum sel:x[])", "sum by (a, b) (x)|(sum by[a, b] sel:x[])", "sum(x) without (a)|(sum without[a] sel:x[])",
        "sum by () (x)|(sum sel:x[])", "sum without () (x)|(sum without[] sel:x[])", "SUM BY (On) (x)|(sum by[On] sel:x[])",
        "topk(5, x)|(topk 5.0 sel:x[])", "bottomk by (a) (scalar(y), x)|(bottomk by[a] (scalar sel:y[]) sel:x[])",
        "quantile(0.9, x)|(quantile 0.9 sel:x[])", "count_values(\"v\", x)|(count_values str:v sel:x[])",
        // operators: precedence, associativity, unary, modifiers
        "1 + 2 * 3|(+ 1.0 (* 2.0 3.0))", "1 - 2 - 3|(- (- 1.0 2.0) 3.0)", "2 ^ 3 ^ 2|(^ 2.0 (^ 3.0 2.0))",
        "-2 ^ 2|(neg (^ 2.0 2.0))", "-x * y|(* ONE_TO_ONE ignoring[] (neg sel:x[]) sel:y[])",
        "a ^ -b * c|(* ONE_TO_ONE ignoring[] (^ ONE_TO_ONE ignoring[] sel:a[] (neg sel:b[])) sel:c[])",
        "a or b and c unless d|(or MANY_TO_MANY ignoring[] sel:a[] (unless MANY_TO_MANY ignoring[] (and MANY_TO_MANY ignoring[] sel:b[] sel:c[]) sel:d[]))",
        "a + b > c|(> ONE_TO_ONE ignoring[] (+ ONE_TO_ONE ignoring[] sel:a[] sel:b[]) sel:c[])",
        "a atan2 b % c|(% ONE_TO_ONE ignoring[] (atan2 ONE_TO_ONE ignoring[] sel:a[] sel:b[]) sel:c[])",
        "(1 + 2) * 3|(* (paren (+ 1.0 2.0)) 3.0)", "+x|(pos sel:x[])", "-x offset 5m|(neg sel:x[] offset300000)",
        "a > bool 1|(> bool sel:a[] 1.0)", "1 == bool 2|(== bool 1.0 2.0)",
        "a / on(x) group_left(y) b|(/ MANY_TO_ONE on[x] include[y] sel:a[] sel:b[])",
        "a - ignoring(x) group_right b|(- ONE_TO_MANY ignoring[x] sel:a[] sel:b[])",
        "a * on(x) group_left (b) c|(* MANY_TO_ONE on[x] include[b] sel:a[] sel:c[])",
        "a and on() b|(and MANY_TO_MANY on[] sel:a[] sel:b[])", "1 + on() 2|(+ 1.0 2.0)",
        "a > bool on(x) b|(> bool ONE_TO_ONE on[x] sel:a[] sel:b[])",
    })
    void parsesToTheTreePrometheusBuilds(String query, String tree) {
        assertThat(Sexpr.of(Parser.parse(query))).isEqualTo(tree);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "^^|0|no expression found", "sum()|0|no arguments", "sum(x,)|5|trailing commas", "1 > 2|2|BOOL modifier",
        "x[5m] + 1|6|only scalar and instant vector", "x offset 5m offset 1m|12|multiple times", "{}|0|non-empty matcher",
        "foo{__name__=\"x\"}|0|set twice", "x[0s]|2|greater than 0", "x[5m a]|5|inside brackets", "rate(x)|5|range vector",
        "nope(x)|0|unknown function", "a and on(x) group_left b|2|no grouping", "x{a=~\"(\"}|5|invalid regular expression",
        "(x|2|expected ')'", "x @ Inf|4|out of bounds", "1e400|0|out of range", "x offset 5|9|a duration after offset",
    })
    void refusesWithThePosition(String query, int position, String message) {
        assertThatThrownBy(() -> Parser.parse(query)).isInstanceOf(PromQLException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((PromQLException) e).position()).isEqualTo(position));
    }
}
