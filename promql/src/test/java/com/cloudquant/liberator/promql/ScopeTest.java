package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScopeTest {

    /** The canonical form is signed into the audit log: these pairs must never change. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "{namespace=\"payments\"}|{namespace=\"payments\"}",
        "{ cluster =~ 'eu-.*' , namespace = \"payments\" , }|{cluster=~\"eu-.*\",namespace=\"payments\"}",
        "{b=\"1\",a=\"2\",b=\"0\"}|{a=\"2\",b=\"0\",b=\"1\"}",
        "{a=~\"x\",a=\"x\"}|{a=\"x\",a=~\"x\"}",
        "{a=\"x\",a=\"x\",a='x',a=`x`}|{a=\"x\"}",
        "{a=~`\\d+`}|{a=~\"\\\\d+\"}",
        "{a=\"caf\u00e9\"}|{a=\"caf\\u00e9\"}",
        "{a=\"caf\\u00e9\"}|{a=\"caf\\u00e9\"}",
        "{a=\"\\xc3\\xa9\"}|{a=\"\\u00e9\"}",
        "{a=\"\\U0001F600 \\\"q\\\" \\\\ \\t\\n\\x01\\x7f\"}|{a=\"\\U0001f600 \\\"q\\\" \\\\ \\t\\n\\x01\\x7f\"}",
        "{a='it\\'s'}|{a=\"it's\"}",
        "{a=\"\\101\"}|{a=\"A\"}",
        "{a=\"\u00e9\",a=\"z\",a=\"\uD83D\uDE00\",a=\"\uFF5E\"}|{a=\"z\",a=\"\\u00e9\",a=\"\\uff5e\",a=\"\\U0001f600\"}",
    })
    void canonicalFormIsPinned(String input, String canonical) {
        Scope scope = Scope.parse(input);
        assertThat(scope.canonical()).isEqualTo(canonical);
        assertThat(Scope.parse(scope.canonical())).isEqualTo(scope);
        assertThat(Scope.parse(scope.canonical()).canonical()).isEqualTo(canonical);
        assertThat(scope.hashCode()).isEqualTo(Scope.parse(canonical).hashCode());
    }

    @Test
    void commentsAndNewlinesAreWhitespace() {
        assertThat(Scope.parse("# team payments\n{\n  namespace=\"payments\", # theirs\n}\n").canonical())
                .isEqualTo("{namespace=\"payments\"}");
    }

    @Test
    void matchersAreSortedAndDeduplicated() {
        Scope scope = Scope.parse("{namespace=\"payments\", cluster=~\"eu-.*\", namespace='payments'}");
        assertThat(scope.matchers()).containsExactly(
                new LabelMatcher("cluster", MatchType.REGEX, "eu-.*"),
                new LabelMatcher("namespace", MatchType.EQUAL, "payments"));
        assertThat(scope.isUnscoped()).isFalse();
    }

    @Test
    void noneIsUnscopedAndAdmitsEverything() {
        assertThat(Scope.NONE.isUnscoped()).isTrue();
        assertThat(Scope.NONE.matchers()).isEmpty();
        assertThat(Scope.NONE.canonical()).isEmpty();
        assertThat(Scope.NONE.admits(Map.of())).isTrue();
        assertThat(Scope.NONE).isNotEqualTo(Scope.parse("{a=\"b\"}"));
    }

    @Test
    void admitsOnlySeriesEveryMatcherAccepts() {
        Scope scope = Scope.parse("{namespace=\"payments\",cluster=~\"eu-.*\"}");
        assertThat(scope.admits(Map.of("namespace", "payments", "cluster", "eu-west", "__name__", "up"))).isTrue();
        assertThat(scope.admits(Map.of("namespace", "payments", "cluster", "us-east"))).isFalse();
        assertThat(scope.admits(Map.of("namespace", "payments", "cluster", "xeu-west"))).as("anchored").isFalse();
        assertThat(scope.admits(Map.of("namespace", "payments"))).as("missing label is \"\"").isFalse();
        assertThat(scope.admits(Map.of("cluster", "eu-1"))).isFalse();
        assertThat(Scope.parse("{a=~\"x|y\",a=~\"y|z\"}").admits(Map.of("a", "y"))).as("ANDed").isTrue();
        assertThat(Scope.parse("{a=~\"x|y\",a=~\"y|z\"}").admits(Map.of("a", "x"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '^', value = {
        "{};1;at least one",
        "^   ^;3;expected '{'",
        "namespace=\"a\";0;no metric name",
        "up{namespace=\"a\"};0;no metric name",
        "{namespace!=\"a\"};10;only = and =~",
        "{namespace!~\"a\"};10;only = and =~",
        "{namespace=\"\"};11;empty value",
        "{namespace=~\".*\"};12;empty value",
        "{namespace=~\"a|\"};12;empty value",
        "{namespace=~\"(a)?\"};12;empty value",
        "{__name__=\"up\"};1;__name__",
        "{namespace=~\"a)|(b\"};12;invalid regular expression",
        "{namespace=~\"[\"};12;invalid regular expression",
        "{namespace=\"a\"}x;15;unexpected identifier x",
        "{namespace=\"a\" cluster=\"b\"};15;expected ',' or '}'",
        "{namespace=\"a\";14;end of input inside braces",
        "{namespace=a};11;quoted label value",
        "{namespace};10;label matching operator",
        "{1a=\"b\"};1;unexpected character inside braces",
        "{namespace=\"a\\qb\"};13;unknown escape sequence",
        "{namespace=\"a;11;unterminated quoted string",
        "{namespace='a\\\"'};13;unknown escape sequence",
        "{namespace=\"\\xff\"};11;valid UTF-8",
        "{namespace=\"\\ud800\"};12;invalid Unicode code point",
        "{namespace=\"\\400\"};12;invalid Unicode code point",
        "{namespace=\"\\x4\"};12;not terminated",
        "{namespace=\"\\xg0\"};14;illegal character",
        "{a=\"b\",,};7;label name",
    })
    void refusalsNameThePosition(String input, int position, String message) {
        assertThatThrownBy(() -> Scope.parse(input))
                .isInstanceOf(PromQLException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith("at position " + position + ":")
                .extracting(e -> ((PromQLException) e).position()).isEqualTo(position);
    }

    @Test
    void refusesNullAndRawNewlineInQuotedStrings() {
        assertThatThrownBy(() -> Scope.parse(null)).isInstanceOf(PromQLException.class);
        assertThatThrownBy(() -> Scope.parse("{a=\"x\ny\"}")).isInstanceOf(PromQLException.class)
                .hasMessageContaining("unterminated quoted string");
        assertThat(Scope.parse("{a=`x\ny`}").canonical()).isEqualTo("{a=\"x\\ny\"}");
        assertThatThrownBy(() -> Scope.parse("{a=\"\uD800\"}")).isInstanceOf(PromQLException.class)
                .hasMessageContaining("invalid UTF-8");
    }
}
