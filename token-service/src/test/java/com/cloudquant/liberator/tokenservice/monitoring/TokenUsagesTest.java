package com.cloudquant.liberator.tokenservice.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tokens the list flags unused, at the edges of {@code liberator.monitoring.unused-after}. */
class TokenUsagesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration DAYS_30 = Duration.ofDays(30);

    @Test
    void aTokenNeverUsedIsUnusedOnceItWasIssuedLongerAgoThanTheSetting() {
        TokenUsages usages = new TokenUsages(Map.of(), Map.of(), NOW, DAYS_30, null);

        assertThat(usages.of("old", NOW.minus(Duration.ofDays(31)), true).unused()).isTrue();
        assertThat(usages.of("new", NOW.minus(Duration.ofDays(29)), true).unused()).isFalse();
        assertThat(usages.of("old", NOW.minus(Duration.ofDays(31)), true).lastUsedAt()).isNull();
        assertThat(usages.of("old", NOW.minus(Duration.ofDays(31)), true).requests24h()).isZero();
    }

    @Test
    void aTokenIssuedLongAgoButUsedRecentlyIsInUse() {
        TokenUsages usages = new TokenUsages(Map.of("t", NOW.minus(Duration.ofDays(2))), Map.of("t", 7L), NOW,
                DAYS_30, null);

        TokenUsage usage = usages.of("t", NOW.minus(Duration.ofDays(400)), true);

        assertThat(usage.unused()).isFalse();
        assertThat(usage.requests24h()).isEqualTo(7L);
        assertThat(usage.usageUnavailable()).isNull();
    }

    @Test
    void unknownUseFlagsNothing() {
        TokenUsage usage = TokenUsages.unavailable("unreachable: connection refused", NOW, DAYS_30)
                .of("t", NOW.minus(Duration.ofDays(400)), true);

        assertThat(usage).isEqualTo(new TokenUsage(null, null, null, "unreachable: connection refused"));
    }
}
