package com.cloudquant.liberator.tokenservice.eventstore;

/**
 * A write was refused because the service could not read the log to its end first: another
 * producer holds a transaction open on the topic, and a committed read stops where it began.
 * Whatever that transaction holds (a revocation, say) would be unknown to the write's
 * decision, so nothing is written. Retrying later may succeed; the message names the offset.
 */
public final class TokenLogNotCurrentException extends RuntimeException {

    private final long openTransactionOffset;

    TokenLogNotCurrentException(String message, long openTransactionOffset) {
        super(message);
        this.openTransactionOffset = openTransactionOffset;
    }

    /** Where the open transaction begins: the last stable offset. */
    public long openTransactionOffset() {
        return openTransactionOffset;
    }
}
