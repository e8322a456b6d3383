package com.cloudquant.liberator.tokenservice.command;

import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;

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
}
