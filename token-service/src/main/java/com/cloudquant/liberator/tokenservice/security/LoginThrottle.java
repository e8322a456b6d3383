package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins per (client address, user name), so one client guessing cannot lock
 * anybody else out. Each pair's attempts are checked one at a time (the count and the password
 * check happen under one lock), so parallel guesses cannot slip past the limit.
 *
 * <p>A user name failing from many addresses (a password spray) is "under spray" once its
 * failures from all addresses reach {@code spray-threshold} within the window: then a client
 * with any recent failure as that user must wait out the window, while a client without one is
 * still checked, so the right password from a clean address always gets in.
 */
@Singleton
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** A pair's attempts are checked one at a time; one waiting longer than this is turned away. */
    private static final Duration BUSY = Duration.ofSeconds(2);
    /** Above this many tracked pairs, pairs with nothing left in the window are dropped. */
    private static final int SWEEP_ABOVE = 10_000;
    private static final String OTHER_NAMES = "<any other name>";

    private final int maxFailures;
    private final Duration window;
    private final int sprayThreshold;
    private final Clock clock;
    private final Map<Pair, Failures> byPair = new ConcurrentHashMap<>();
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

    LoginThrottle(AdminSettings settings, Clock clock) {
        this.maxFailures = settings.maxFailedLogins();
        this.window = settings.throttleWindow();
        this.sprayThreshold = settings.sprayThreshold();
        this.clock = clock;
    }

    /** What one sign-in attempt came to. */
    sealed interface Outcome {
        record Accepted() implements Outcome {
        }

        record Refused() implements Outcome {
        }

        /** Not checked: wait {@code retryAfter} before trying again. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    /** Checks a sign-in as {@code user} from {@code client} with {@code passwordMatches}, unless throttled. */
    Outcome attempt(InetAddress client, String user, BooleanSupplier passwordMatches) {
        String userKey = userKey(user);
        Pair pair = new Pair(client, userKey);
        Failures mine = byPair.computeIfAbsent(pair, p -> new Failures(maxFailures));
        try {
            if (!mine.lock.tryLock(BUSY.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Outcome.Throttled(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Throttled(Duration.ofSeconds(1));
        }
        try {
            Instant now = clock.instant();
            Failures everywhere = byUser.computeIfAbsent(userKey, u -> new Failures(sprayThreshold));
            boolean underSpray = everywhere.countSince(now.minus(window)) >= sprayThreshold;
            int limit = underSpray ? 1 : maxFailures;
            Optional<Duration> wait = mine.waitIfAtLeast(limit, now, window);
            if (wait.isPresent()) {
                return new Outcome.Throttled(wait.get());
            }
            if (passwordMatches.getAsBoolean()) {
                byPair.remove(pair);
                return new Outcome.Accepted();
            }
            mine.add(now);
            everywhere.add(now);
            if (!underSpray && everywhere.countSince(now.minus(window)) >= sprayThreshold) {
                LOG.warn("decision=user-under-password-spray user={} failures={} window={} action=one_attempt_per_address",
                        Printable.value(user), sprayThreshold, window);
            }
            return new Outcome.Refused();
        } finally {
            mine.lock.unlock();
            if (byPair.size() > SWEEP_ABOVE) {
                sweep(clock.instant().minus(window));
            }
        }
    }

    private void sweep(Instant horizon) {
        byPair.values().removeIf(f -> f.countSince(horizon) == 0 && !f.lock.isLocked());
        byUser.values().removeIf(f -> f.countSince(horizon) == 0);
    }

    /**
     * Only the local admin can sign in with a password, so every other name is one bucket:
     * a client cycling made-up user names is counted as one, and the maps stay as small as
     * the number of addresses trying.
     */
    private static String userKey(String user) {
        return LocalAdmin.USERNAME.equals(user) ? LocalAdmin.USERNAME : OTHER_NAMES;
    }

    private record Pair(InetAddress client, String user) {
    }

    /** The most recent failures (at most {@code keep}), oldest first. */
    private static final class Failures {
        final ReentrantLock lock = new ReentrantLock();
        private final Deque<Instant> times = new ArrayDeque<>();
        private final int keep;

        Failures(int keep) {
            this.keep = keep;
        }

        synchronized void add(Instant at) {
            times.addLast(at);
            while (times.size() > keep) {
                times.removeFirst();
            }
        }

        synchronized int countSince(Instant horizon) {
            times.removeIf(at -> !at.isAfter(horizon));
            return times.size();
        }

        /** How long until fewer than {@code limit} failures remain in the window, if that many are there now. */
        synchronized Optional<Duration> waitIfAtLeast(int limit, Instant now, Duration window) {
            int recent = countSince(now.minus(window));
            if (recent < limit) {
                return Optional.empty();
            }
            Instant freedAt = times.stream().skip(recent - limit).findFirst().orElseThrow().plus(window);
            return Optional.of(Duration.between(now, freedAt));
        }
    }
}
