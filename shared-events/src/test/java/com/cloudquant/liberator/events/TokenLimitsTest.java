package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLimitsTest {

    @Test
    void whatAnIssuerTypesIsReadOnceAndWrittenInItsOneCanonicalForm() {
        TokenLimits limits = TokenLimits.typed(Map.of("maxRange", "1w", "maxLookback", "1y", "minStep", "90s",
                "maxPointsPerSeries", "20000", "maxQueryLength", "32768", "ratePerSecond", "2.250", "burst", "40"));

        assertThat(limits.canonical()).containsExactly(Map.entry("burst", "40"), Map.entry("maxLookback", "365d"),
                Map.entry("maxPointsPerSeries", "20000"), Map.entry("maxQueryLength", "32768"),
                Map.entry("maxRange", "7d"), Map.entry("minStep", "1m30s"), Map.entry("ratePerSecond", "2.25"));
        assertThat(limits.maxRange()).isEqualTo(Duration.ofDays(7));
        assertThat(TokenLimits.fromLog(limits.canonical())).isEqualTo(limits);
        assertThat(limits.summary()).isEqualTo("burst=40 maxLookback=365d maxPointsPerSeries=20000"
                + " maxQueryLength=32768 maxRange=7d minStep=1m30s ratePerSecond=2.25");
        assertThat(TokenLimits.NONE.summary()).isEqualTo("-");
        assertThat(TokenLimits.typed(Map.of())).isEqualTo(TokenLimits.NONE);
        assertThat(TokenLimits.typed(Map.of("maxRange", "1d2h3m4s")).canonical()).containsEntry("maxRange", "1d2h3m4s");
    }

    @Test
    void aValueThatCannotBeItsLimitIsRefusedNamingTheFieldAndWhatToWrite() {
        assertInvalid(Map.of("maxRange", "0s"), "limits.maxRange", "limits.maxRange must be > 0, e.g. a duration");
        assertInvalid(Map.of("maxRange", "90 days"), "limits.maxRange",
                "limits.maxRange must be a duration of whole seconds such as 90d, 12h or 1h30m, got \"90 days\"");
        assertInvalid(Map.of("minStep", "1500ms"), "limits.minStep", "whole seconds");
        assertInvalid(Map.of("maxLookback", "36501d"), "limits.maxLookback", "must be at most 36500d");
        assertInvalid(Map.of("maxLookback", "99999999999999999999y"), "limits.maxLookback", "must be at most 36500d");
        assertInvalid(Map.of("maxLookback", "999999999999y"), "limits.maxLookback", "must be at most 36500d");
        assertInvalid(Map.of("burst", "0"), "limits.burst", "limits.burst must be > 0");
        assertInvalid(Map.of("burst", "-5"), "limits.burst", "must be a whole number");
        assertInvalid(Map.of("maxPointsPerSeries", "1e4"), "limits.maxPointsPerSeries", "must be a whole number");
        assertInvalid(Map.of("ratePerSecond", "0"), "limits.ratePerSecond", "limits.ratePerSecond must be > 0");
        assertInvalid(Map.of("ratePerSecond", "0.0001"), "limits.ratePerSecond", "at most three decimals");
        assertInvalid(Map.of("ratePerSecond", "NaN"), "limits.ratePerSecond", "must be a number");
        assertInvalid(Map.of("maxSeries", "5"), "limits.maxSeries", "limits.maxSeries is not a limit: the limits are"
                + " burst, maxLookback, maxPointsPerSeries, maxQueryLength, maxRange, minStep, ratePerSecond");
        assertThatThrownBy(() -> new TokenLimits(Duration.ofMillis(1500), null, null, null, null, null, null))
                .hasMessageContaining("limits.maxRange must be whole seconds").hasMessageEndingWith("got 1s500ms");
    }

    @Test
    void theLogAcceptsOnlyTheCanonicalText() {
        assertThatThrownBy(() -> TokenLimits.fromLog(Map.of("maxRange", "720h")))
                .hasMessage("limits.maxRange is not in canonical form, which is 30d");
        assertThatThrownBy(() -> TokenLimits.fromLog(Map.of("minStep", "60s")))
                .hasMessage("limits.minStep is not in canonical form, which is 1m");
        assertThatThrownBy(() -> TokenLimits.fromLog(Map.of("ratePerSecond", ".5")))
                .hasMessageContaining("limits.ratePerSecond must be a number");
        assertThatThrownBy(() -> TokenLimits.fromLog(Map.of())).hasMessageContaining("at least one limit");
    }

    private static void assertInvalid(Map<String, String> typed, String field, String messagePart) {
        assertThatThrownBy(() -> TokenLimits.typed(typed)).isInstanceOf(TokenLimits.InvalidLimitException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((TokenLimits.InvalidLimitException) e).field()).isEqualTo(field));
    }
}
