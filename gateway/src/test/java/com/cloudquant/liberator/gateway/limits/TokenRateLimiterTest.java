package com.cloudquant.liberator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.config.LimitProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.events.TokenLimits;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket's arithmetic on a clock the test moves: burst, refill, Retry-After, one bucket per token. */
class TokenRateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private TokenRateLimiter limiter(double rate, long burst) {
        LimitProperties limits = new LimitProperties(Duration.ZERO, Duration.ZERO, 11_000, 16_384, Duration.ZERO, rate, burst);
        return new TokenRateLimiter(limits, clock::get);
    }

    @Test
    void aFullBucketServesItsBurstThenRefusesWithRetryAfterInWholeSeconds() {
        TokenRateLimiter limiter = limiter(0.25, 3); // one request back every 4 s
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a", TokenLimits.NONE);
        }
        assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOfSatisfying(GatewayRejection.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(429);
            assertThat(e.reason()).isEqualTo("limit_rate");
            assertThat(e.headers()).containsEntry("Retry-After", "4");
            assertThat(e.getMessage()).contains("more than 3 requests at once", "0.25 per second",
                    "reduce the dashboard's refresh rate");
        });
        clock.addAndGet(3_500_000_000L);
        assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOfSatisfying(GatewayRejection.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "1")); // 0.5 s left: rounded up, never 0
        clock.addAndGet(500_000_000L);
        limiter.acquire("a", TokenLimits.NONE);
    }

    @Test
    void aRefusedRequestTakesNothingSoWaitingRetryAfterAlwaysSucceeds() {
        TokenRateLimiter limiter = limiter(1, 1);
        limiter.acquire("a", TokenLimits.NONE);
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOf(GatewayRejection.class);
        }
        clock.addAndGet(1_000_000_000L);
        limiter.acquire("a", TokenLimits.NONE);
    }

    @Test
    void anIdleBucketFillsUpToBurstAndNoFurther() {
        TokenRateLimiter limiter = limiter(100, 5);
        clock.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 5; i++) {
            limiter.acquire("a", TokenLimits.NONE);
        }
        assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOf(GatewayRejection.class);
    }

    @Test
    void oneTokensEmptyBucketLeavesAnotherTokensFull() {
        TokenRateLimiter limiter = limiter(1, 2);
        limiter.acquire("a", TokenLimits.NONE);
        limiter.acquire("a", TokenLimits.NONE);
        assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOf(GatewayRejection.class);
        limiter.acquire("b", TokenLimits.NONE);
        limiter.acquire("b", TokenLimits.NONE);
    }

    @Test
    void aTokenWithItsOwnRateAndBurstGetsABucketOfThatSizeAndTheRefusalSaysSo() {
        TokenRateLimiter limiter = limiter(1, 2);
        TokenLimits own = TokenLimits.typed(Map.of("ratePerSecond", "0.5", "burst", "4"));
        for (int i = 0; i < 4; i++) {
            limiter.acquire("granted", own);
        }
        assertThatThrownBy(() -> limiter.acquire("granted", own)).isInstanceOfSatisfying(GatewayRejection.class, e -> {
            assertThat(e.getMessage()).contains("more than 4 requests at once or more than 0.5 per second",
                    "(this token's own limits, limits.ratePerSecond 0.5 and limits.burst 4, granted when it was issued)");
            assertThat(e.headers()).containsEntry("Retry-After", "2");
        });
        clock.addAndGet(2_000_000_000L); // one request back at 0.5/s
        limiter.acquire("granted", own);
        limiter.acquire("plain", TokenLimits.NONE);
        limiter.acquire("plain", TokenLimits.NONE);
        assertThatThrownBy(() -> limiter.acquire("plain", TokenLimits.NONE)).isInstanceOfSatisfying(GatewayRejection.class,
                e -> assertThat(e.getMessage()).contains("more than 2 requests at once",
                        "(liberator.gateway.limits.burst, rate-per-second)"));
        TokenLimits burstOnly = TokenLimits.typed(Map.of("burst", "1"));
        limiter.acquire("burst-only", burstOnly);
        assertThatThrownBy(() -> limiter.acquire("burst-only", burstOnly)).hasMessageContaining(
                "(this token's own limits, rate-per-second from the settings and limits.burst 1");
    }

    @Test
    void aClockThatStepsBackGivesNothingAway() {
        TokenRateLimiter limiter = limiter(1, 1);
        limiter.acquire("a", TokenLimits.NONE);
        clock.addAndGet(-5_000_000_000L);
        assertThatThrownBy(() -> limiter.acquire("a", TokenLimits.NONE)).isInstanceOf(GatewayRejection.class);
    }
}
