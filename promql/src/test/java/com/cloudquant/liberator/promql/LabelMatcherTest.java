package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    @Test
    void regexesAreFullyAnchoredRe2() {
        LabelMatcher m = new LabelMatcher("cluster", MatchType.REGEX, "eu-.*|us");
        assertThat(m.matches("eu-west")).isTrue();
        assertThat(m.matches("us")).isTrue();
        assertThat(m.matches("xus")).isFalse();
        assertThat(m.matches("usx")).isFalse();
        assertThat(m.matches("eu-a\nb")).as("dot does not match a newline, as in Go").isFalse();
        assertThat(new LabelMatcher("a", MatchType.NOT_REGEX, "x.*").matches("y")).isTrue();
        assertThat(new LabelMatcher("a", MatchType.NOT_REGEX, "x.*").matches("xy")).isFalse();
    }

    @Test
    void missingLabelIsTheEmptyString() {
        assertThat(new LabelMatcher("a", MatchType.EQUAL, "").matches(null)).isTrue();
        assertThat(new LabelMatcher("a", MatchType.NOT_EQUAL, "x").matches(null)).isTrue();
        assertThat(new LabelMatcher("a", MatchType.REGEX, "x?").matches(null)).isTrue();
        assertThat(new LabelMatcher("a", MatchType.EQUAL, "x").matches(null)).isFalse();
    }

    @Test
    void printsAsPrometheusDoes() {
        assertThat(new LabelMatcher("a", MatchType.NOT_REGEX, "x\"\\\n\u00e9\u00a0\u0085")).hasToString(
                "a!~\"x\\\"\\\\\\n\u00e9\\u00a0\\u0085\"");
        assertThat(new LabelMatcher("a", MatchType.NOT_EQUAL, "\u0007\u0000")).hasToString("a!=\"\\a\\x00\"");
    }

    @Test
    void refusesBadNamesAndRegexes() {
        assertThatThrownBy(() -> new LabelMatcher("1a", MatchType.EQUAL, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label name");
        assertThatThrownBy(() -> new LabelMatcher("a-b", MatchType.EQUAL, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelMatcher("a", MatchType.REGEX, "("))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> new LabelMatcher("a", MatchType.REGEX, "a)|(b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelMatcher("a", MatchType.EQUAL, "\uDC00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LabelMatcher("a", MatchType.EQUAL, "(").matches("(")).isTrue();
    }
}
