package com.cloudquant.liberator.localstack;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One background thread sending one kind of request back to back, recording every attempt
 * with its start and end time. An exception or a status outside {@code expected} is a failure,
 * counted rather than killing the thread, so the test can assert none happened and that enough
 * work was served.
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
        this.thread = new Thread(() -> run(step), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Step step) {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
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
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return;
                }
                synchronized (this) {
                    failures.add(name + ": " + e);
                }
            }
        }
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

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new IllegalStateException(name + " did not stop within 30 s");
        }
    }
}
