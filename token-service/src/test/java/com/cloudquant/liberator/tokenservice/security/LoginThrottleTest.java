package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new AdminSettings(true, "x", 10000, 3, Duration.ofMinutes(1)), clock);

    @Test
    void aClientIsThrottledAfterTooManyFailuresUntilTheWindowPasses() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();

        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("10.0.0.2")).isEmpty();

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");

        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
