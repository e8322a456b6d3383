package com.cloudquant.liberator.tokenlog;

/** The log halted (see {@link ChainHalt}): nothing may be decided on it until an operator repairs it. */
public final class TokenLogHaltedException extends RuntimeException {

    private final transient ChainHalt halt;

    public TokenLogHaltedException(ChainHalt halt) {
        super(halt.describe());
        this.halt = halt;
    }

    public ChainHalt halt() {
        return halt;
    }
}
