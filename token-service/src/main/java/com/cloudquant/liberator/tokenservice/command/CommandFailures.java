package com.cloudquant.liberator.tokenservice.command;

import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Gives callers the domain exception, not Axon's wrapper around it. */
final class CommandFailures {

    private CommandFailures() {
    }

    static <T> T unwrap(Supplier<T> command) {
        try {
            return command.get();
        } catch (CommandExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Like {@link #unwrap}, and a token changed between loading and writing (the catch-up before
     * the write found an event this instance had not read) is decided once more on what the log
     * now says; a second conflict is answered 409, never 500.
     */
    static <T> T retryOnceOnConcurrency(String tokenId, Supplier<T> command) {
        try {
            return unwrap(command);
        } catch (ConcurrencyException first) {
            try {
                return unwrap(command);
            } catch (ConcurrencyException second) {
                throw new TokenChangedConcurrentlyException(tokenId, second);
            }
        }
    }
}
