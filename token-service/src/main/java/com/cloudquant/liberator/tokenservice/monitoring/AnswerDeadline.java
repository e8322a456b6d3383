package com.cloudquant.liberator.tokenservice.monitoring;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The body of one Prometheus answer, cut off when its deadline passes. The JDK client's request
 * timeout ends once the headers arrive, so without this an upstream that drips its body byte by
 * byte would hold the token list (and every other caller) for as long as it likes; closing the
 * stream at the deadline wakes a read blocked on the next byte, which then throws as a timeout.
 */
final class AnswerDeadline extends FilterInputStream {

    /** One daemon thread for every answer's deadline: it only closes streams. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "prometheus-answer-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final String message;
    private final ScheduledFuture<?> expiry;
    private volatile boolean expired;

    /**
     * @param deadline {@link System#nanoTime()} by which the whole answer must have been read
     * @param message  what the timeout says, as for a request that got no headers in time
     */
    AnswerDeadline(InputStream body, long deadline, String message) {
        super(body);
        this.message = message;
        this.expiry = TIMER.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        expired = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is all that is left to do; the reader sees the timeout either way
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return checked(super.read());
        } catch (IOException e) {
            throw expired ? new HttpTimeoutException(message) : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return checked(super.read(b, off, len));
        } catch (IOException e) {
            throw expired ? new HttpTimeoutException(message) : e;
        }
    }

    /** A read cut short by the deadline ends as a timeout, not as the end of a (truncated) answer. */
    private int checked(int read) throws HttpTimeoutException {
        if (expired) {
            throw new HttpTimeoutException(message);
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        expiry.cancel(false);
        super.close();
    }
}
