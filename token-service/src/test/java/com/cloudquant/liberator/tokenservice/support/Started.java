package com.cloudquant.liberator.tokenservice.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The parts a test class started in its {@code @BeforeAll}, stopped newest first in its {@code @AfterAll}:
 * the service before the Prometheus or identity provider it talks to. Only what started is stopped, so a
 * set-up that failed half way still cleans up, and one part failing to stop does not leave the others.
 */
public final class Started implements AutoCloseable {

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Stops {@code part} when this closes, before everything owned earlier. */
    public <T extends AutoCloseable> T own(T part) {
        parts.push(part);
        return part;
    }

    /** Stops every part, newest first; the first failure is thrown after all were tried. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
