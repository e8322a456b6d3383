package com.cloudquant.liberator.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct values, each held once and named by a small {@code int} index in the order they were
 * first seen: what the token projections keep per token instead of the value itself (consumer
 * names, scopes, query limits), so a million tokens of a few teams store a million ints and a
 * few values. Values are compared with {@code equals}; {@code null} is a value like any other.
 * Here rather than in token-log because the token-service's table may not depend on the log
 * reader (its ArchitectureTest): both projections link shared-events.
 *
 * <p>Not thread-safe by itself: it is guarded by the lock of the table whose rows hold its
 * indexes, and published by that lock. {@link #intern} is a write (under the write lock);
 * {@link #indexOf} a read (under at least the read lock). {@link #get} may also be called by
 * an optimistic reader without the lock (a {@link java.util.concurrent.locks.StampedLock}
 * optimistic read validated afterwards): racing a write, it returns a stale value, {@code null}
 * or throws {@link IndexOutOfBoundsException}, and never changes anything, so a reader that
 * discards what it read when validation fails sees only what a locked read would.
 *
 * @param <T> the value type, with {@code equals} and {@code hashCode}
 */
public final class Interned<T> {

    /** Index {@code i} holds the value whose index is {@code i}. */
    private final List<T> values = new ArrayList<>();
    private final Map<T, Integer> indexes = new HashMap<>();

    /** An empty set of values: the first one interned gets index 0. */
    public Interned() {
    }

    /**
     * Values whose index 0 is {@code first}: the value a row reads before it is set (a fresh
     * {@code int} column reads 0), e.g. the unscoped token or the default limits.
     */
    public static <T> Interned<T> startingWith(T first) {
        Interned<T> interned = new Interned<>();
        interned.intern(first);
        return interned;
    }

    /** The index of {@code value}, adding it (with the next index) when it is not held yet. */
    public int intern(T value) {
        Integer known = indexes.get(value);
        if (known != null) {
            return known;
        }
        int index = values.size();
        values.add(value);
        indexes.put(value, index);
        return index;
    }

    /** The index of {@code value}, or -1 when it was never interned. */
    public int indexOf(T value) {
        Integer known = indexes.get(value);
        return known == null ? -1 : known;
    }

    /** The value of {@code index}, an index {@link #intern} returned. */
    public T get(int index) {
        return values.get(index);
    }

    /** How many distinct values are held: the next index {@link #intern} gives. */
    public int size() {
        return values.size();
    }
}
