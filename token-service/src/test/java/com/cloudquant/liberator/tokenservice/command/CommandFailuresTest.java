package com.cloudquant.liberator.tokenservice.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Axon's ConcurrencyException is decided once more, then a 409 with a message, never a 500. */
class CommandFailuresTest {

    @Test
    void oneConflictIsDecidedAgainAndTheSecondAnswerStands() {
        AtomicInteger calls = new AtomicInteger();

        Boolean changed = CommandFailures.retryOnceOnConcurrency("t-1", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new ConcurrencyException("token t-1 changed concurrently");
            }
            return Boolean.FALSE;
        });

        assertThat(changed).isFalse();
        assertThat(calls).hasValue(2);
    }

    @Test
    void twoConflictsInARowAreAConflictThatNamesTheToken() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> CommandFailures.retryOnceOnConcurrency("t-1", () -> {
            calls.incrementAndGet();
            throw new ConcurrencyException("token t-1 changed concurrently");
        })).isInstanceOf(TokenChangedConcurrentlyException.class).hasMessageContaining("t-1")
                .hasMessageContaining("nothing was written");
        assertThat(calls).hasValue(2);
    }
}
