package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.Test;

class InternedTest {

    @Test
    void equalValuesShareTheIndexAndTheInstanceFirstSeen() {
        Interned<String> names = new Interned<>();
        String first = new String("team-a");

        assertThat(names.intern(first)).isZero();
        assertThat(names.intern("team-b")).isEqualTo(1);
        assertThat(names.intern(new String("team-a"))).isZero();

        assertThat(names.size()).isEqualTo(2);
        assertThat(names.get(0)).isSameAs(first);
        assertThat(names.get(1)).isEqualTo("team-b");
    }

    @Test
    void indexOfFindsWithoutAdding() {
        Interned<String> names = new Interned<>();
        names.intern("team-a");

        assertThat(names.indexOf("team-a")).isZero();
        assertThat(names.indexOf("nobody")).isEqualTo(-1);
        assertThat(names.size()).isEqualTo(1);
    }

    @Test
    void theFirstValueIsWhatAFreshRowReads() {
        Interned<String> scopes = Interned.startingWith(null);

        assertThat(scopes.get(0)).isNull();
        assertThat(scopes.intern(null)).isZero();
        assertThat(scopes.intern("{team=\"a\"}")).isEqualTo(1);
        assertThat(scopes.indexOf(null)).isZero();
    }

    /**
     * The gateway's registry reads values on request threads under an optimistic read while its
     * log reader interns new ones: every read that validates must be the value of its index.
     */
    @Test
    void optimisticReadsThatValidateSeeTheInternedValueWhileOneThreadWrites() throws Exception {
        Interned<String> values = Interned.startingWith("v0");
        StampedLock lock = new StampedLock();
        int written = 200_000;
        AtomicLong validated = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                try {
                    for (int i = 1; i < written; i++) {
                        long stamp = lock.writeLock();
                        try {
                            values.intern("v" + i);
                        } finally {
                            lock.unlockWrite(stamp);
                        }
                    }
                } finally {
                    writing.set(false);
                }
            });
            Runnable reader = () -> {
                // reads on until the writer is done, and a thousand more after it
                for (long n = 0, after = 0; writing.get() || after++ < 1000; n++) {
                    long stamp = lock.tryOptimisticRead();
                    int index = -1;
                    String read;
                    try {
                        index = (int) ((n * 7919) % values.size());
                        read = values.get(index);
                    } catch (IndexOutOfBoundsException torn) {
                        read = null;
                    }
                    if (lock.validate(stamp)) {
                        validated.incrementAndGet();
                        if (!("v" + index).equals(read)) {
                            wrong.incrementAndGet();
                        }
                    }
                }
            };
            Future<?> first = threads.submit(reader);
            Future<?> second = threads.submit(reader);
            writer.get(60, TimeUnit.SECONDS);
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(wrong.get()).isZero();
        assertThat(validated.get()).isGreaterThanOrEqualTo(2_000);
        assertThat(values.size()).isEqualTo(written);
    }
}
