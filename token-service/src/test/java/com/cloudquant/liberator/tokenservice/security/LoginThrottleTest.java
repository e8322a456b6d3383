package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final InetAddress A = address("198.51.100.1");
    private static final InetAddress B = address("198.51.100.2");

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new AdminSettings(true, "x", 10000, 3, Duration.ofMinutes(1), 10), clock);

    @Test
    void aPairIsThrottledAfterTooManyFailuresUntilTheWindowPasses() {
        fail(A, "admin", 3);

        assertThat(throttle.attempt(A, "admin", () -> true))
                .isEqualTo(new LoginThrottle.Outcome.Throttled(Duration.ofMinutes(1)));
        assertThat(throttle.attempt(A, "alice", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
        assertThat(throttle.attempt(B, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.attempt(A, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
    }

    @Test
    void aThrottledAttemptNeverChecksThePassword() {
        fail(A, "admin", 3);
        AtomicInteger checks = new AtomicInteger();

        throttle.attempt(A, "admin", () -> checks.incrementAndGet() > 0);

        assertThat(checks).hasValue(0);
    }

    @Test
    void aSuccessClearsOnlyItsOwnPairsFailures() {
        fail(A, "admin", 2);
        assertThat(throttle.attempt(B, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
        fail(A, "admin", 1);
        assertThat(throttle.attempt(A, "admin", () -> true)).isInstanceOf(LoginThrottle.Outcome.Throttled.class);

        fail(B, "admin", 2);
        assertThat(throttle.attempt(B, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
        fail(B, "admin", 2);
        assertThat(throttle.attempt(B, "admin", () -> false)).isEqualTo(new LoginThrottle.Outcome.Refused());
    }

    @Test
    void underSprayAnAddressWithAFailureWaitsButACleanAddressIsStillChecked() {
        for (int i = 0; i < 10; i++) {
            fail(address("203.0.113." + i), "admin", 1);
        }

        assertThat(throttle.attempt(address("203.0.113.0"), "admin", () -> true))
                .isInstanceOf(LoginThrottle.Outcome.Throttled.class);
        assertThat(throttle.attempt(A, "admin", () -> false)).isEqualTo(new LoginThrottle.Outcome.Refused());
        assertThat(throttle.attempt(A, "admin", () -> true)).isInstanceOf(LoginThrottle.Outcome.Throttled.class);
        assertThat(throttle.attempt(B, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
        assertThat(throttle.attempt(B, "alice", () -> false)).isEqualTo(new LoginThrottle.Outcome.Refused());

        clock.advance(Duration.ofSeconds(61));
        fail(A, "admin", 2);
        assertThat(throttle.attempt(A, "admin", () -> true)).isEqualTo(new LoginThrottle.Outcome.Accepted());
    }

    private void fail(InetAddress client, String user, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.attempt(client, user, () -> false)).isEqualTo(new LoginThrottle.Outcome.Refused());
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
