package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterTest {

    @Test
    void everyCorpusQueryPrintsToTextThatParsesToTheSameTree() {
        for (String q : Corpus.queries()) {
            Expr tree = Parser.parse(q);
            String printed = Printer.print(tree);
            assertThat(Parser.parse(printed)).as(q + "  printed as  " + printed).isEqualTo(tree);
            assertThat(Printer.print(Parser.parse(printed))).isEqualTo(printed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "sum(x) by (a)|sum by (a) (x)",
        "SUM WITHOUT() (x)|sum without () (x)",
        "sum by () (x)|sum(x)",
        "x offset 5m @ 10|x @ 10 offset 5m",
        "x[90m] offset -14d|x[1h30m] offset -2w",
        "x[366d]|x[366d]", "x[365d]|x[1y]", "x[8d]|x[8d]", "x[1500ms]|x[1s500ms]",
        "0x10 + 010 + 1e3 + .5|16 + 8 + 1000 + 0.5",
        "1e20 * 1.5e-7|1.0E20 * 1.5E-7",
        "-Inf + NaN - -0|-Inf + NaN - -0",
        "label_replace(x, 'a\"b', `c\\d`, 'd', 'e')|label_replace(x, \"a\\\"b\", \"c\\\\d\", \"d\", \"e\")",
        "x{a='\u00e9\\u00a0\\ufffd\\x01'}|x{a=\"\u00e9\\u00a0\\ufffd\\x01\"}",
        "a>bool on(b)group_left c|a > bool on (b) group_left () c",
        "a - ignoring() group_right(x) b|a - ignoring () group_right (x) b",
        "a or ignoring() b|a or b",
        "1 + on() 2|1 + 2",
        "x @ start()|x @ start()",
        "max_over_time(rate(x[1m])[5m:1m])|max_over_time(rate(x[1m])[5m:1m])",
        "- - x|--x",
    })
    void printsCanonically(String query, String printed) {
        assertThat(Printer.print(Parser.parse(query))).isEqualTo(printed);
    }

    @Test
    void dropsCommentsAndLineBreaks() {
        assertThat(Printer.print(Parser.parse("( # why\n  x\r\n)  # done"))).isEqualTo("(x)");
    }
}
