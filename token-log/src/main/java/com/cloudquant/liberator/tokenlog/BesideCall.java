package com.cloudquant.liberator.tokenlog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A slow call made once on a helper thread, so that the thread that needs its answer can go on
 * working meanwhile (the reader's first topic check and high-watermark look-up, which at
 * start-up take seconds of a cold Kafka client, run beside its first reads). Used by one thread.
 */
final class BesideCall<T> {

    private final Supplier<T> call;
    private final String threadName;
    private final Duration retryAfter;
    private CompletableFuture<T> running;
    private long failedAt;
    private boolean failed;

    BesideCall(Supplier<T> call, String threadName, Duration retryAfter) {
        this.call = call;
        this.threadName = threadName;
        this.retryAfter = retryAfter;
    }

    /**
     * The answer once there is one, empty while the call runs (starting it if it is not running).
     * A failure is thrown here, once, as the call threw it; the call is made again no sooner than
     * {@code retryAfter} later.
     */
    Optional<T> answer() {
        if (running == null) {
            if (failed && System.nanoTime() - failedAt < retryAfter.toNanos()) {
                return Optional.empty();
            }
            running = CompletableFuture.supplyAsync(call, task -> {
                Thread helper = new Thread(task, threadName);
                helper.setDaemon(true);
                helper.start();
            });
        }
        if (!running.isDone()) {
            return Optional.empty();
        }
        CompletableFuture<T> done = running;
        running = null;
        try {
            return Optional.of(done.join());
        } catch (CompletionException e) {
            failed = true;
            failedAt = System.nanoTime();
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
