package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One background thread sending one kind of request back to back, recording every attempt
 * with its start and end time; the one way a test of this module runs work in the background.
 * An exception, an error or a status outside {@code expected} is a failure, counted rather than
 * killing the thread; a thread that ends before {@link #close()} (interrupted by someone else,
 * or anything escaping the step) is a failure too. {@link #close()} fails the test when any
 * failure was recorded, so a loop whose failures nobody looked at cannot pass; each test still
 * asserts the work it needs served ({@link #assertServed}).
 */
final class RequestLoop implements AutoCloseable {

    /** What one request of the loop does; empty when there is nothing to send right now. */
    interface Step {
        Optional<HttpResponse<String>> send() throws Exception;
    }

    /** One request: when it started and ended ({@link System#nanoTime()}) and what it answered. */
    record Attempt(long startNanos, long endNanos, int status, String body) {
        boolean spans(long nanos) {
            return startNanos < nanos && nanos < endNanos;
        }
    }

    private final String name;
    private final Set<Integer> expected;
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;
    /** Set before the interrupt: a request cut short by our own stop is not a failure. */
    private volatile boolean stopping;

    RequestLoop(String name, Set<Integer> expected, Step step) {
        this.name = name;
        this.expected = Set.copyOf(expected);
        this.thread = new Thread(() -> runUntilStopped(step), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Attempts with {@code status} summed over {@code loops}. */
    static long served(Collection<RequestLoop> loops, int status) {
        return loops.stream().mapToLong(loop -> loop.countSince(status, 0)).sum();
    }

    private void runUntilStopped(Step step) {
        try {
            run(step);
        } catch (Throwable e) {
            fail("escaped the loop: " + e);
        } finally {
            if (!stopping) {
                fail("ended before it was stopped");
            }
        }
    }

    private void run(Step step) {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                Optional<HttpResponse<String>> response = step.send();
                if (response.isEmpty()) {
                    continue;
                }
                Attempt attempt = new Attempt(start, System.nanoTime(), response.get().statusCode(), response.get().body());
                if (stopping) {
                    return;
                }
                synchronized (this) {
                    attempts.add(attempt);
                    if (!expected.contains(attempt.status())) {
                        failures.add(name + ": unexpected " + attempt.status() + " " + attempt.body());
                    }
                }
            } catch (Throwable e) {
                if (stopping) {
                    return;
                }
                fail(e.toString());
                if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    return; // interrupted by someone else: the finally block records that the loop ended early
                }
            }
        }
    }

    private synchronized void fail(String what) {
        failures.add(name + ": " + what);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized List<Attempt> attempts(Predicate<Attempt> filter) {
        return attempts.stream().filter(filter).toList();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** Attempts with this status that started after {@code nanos}. */
    synchronized long countSince(int status, long nanos) {
        return attempts.stream().filter(a -> a.status() == status && a.startNanos() > nanos).count();
    }

    /** No failure so far and at least {@code minimum} attempts answered {@code status}. */
    void assertServed(int status, long minimum) {
        assertThat(failures()).as("failures of " + name).isEmpty();
        assertThat(countSince(status, 0)).as(name + ": attempts answered " + status).isGreaterThanOrEqualTo(minimum);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Stops the thread and fails if it does not stop or if any failure was recorded. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new IllegalStateException(name + " did not stop within 30 s");
        }
        List<String> seen = failures();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " failure(s) in background loop " + name + ": " + seen);
        }
    }
}
