package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per client address; a client with too many recent failures waits
 * until its oldest counted failure leaves the window.
 */
@Singleton
final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(AdminSettings settings, Clock clock) {
        this.maxFailures = settings.maxFailedLogins();
        this.window = settings.throttleWindow();
        this.clock = clock;
    }

    /** How long {@code client} must wait before trying again, if it is throttled. */
    Optional<Duration> retryAfter(String client) {
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            Instant now = clock.instant();
            recent.removeIf(at -> at.plus(window).isBefore(now));
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
    }

    void failed(String client) {
        Deque<Instant> recent = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            while (recent.size() > maxFailures) {
                recent.removeFirst();
            }
        }
    }

    void succeeded(String client) {
        failures.remove(client);
    }
}
