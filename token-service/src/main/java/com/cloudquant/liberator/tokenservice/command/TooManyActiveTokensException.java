package com.cloudquant.liberator.tokenservice.command;

/** The consumer already holds the configured maximum of active tokens. */
public final class TooManyActiveTokensException extends RuntimeException {
    public TooManyActiveTokensException(String consumer, long active, int max) {
        super("consumer '" + consumer + "' already has " + active + " active tokens (maximum "
                + max + ", liberator.tokens.max-active-per-consumer): revoke one it no longer uses, then issue again");
    }
}
