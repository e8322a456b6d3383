package com.cloudquant.liberator.events;

/**
 * The end of the hash chain: the last sequence number and its hash. The next event gets
 * {@code seq + 1} and {@code prevHash = hash}.
 *
 * @param seq  sequence number of the last event, 0 before the first
 * @param hash hash of the last event, 64 zeros before the first
 */
public record ChainHead(long seq, String hash) {

    /** The head of an empty log. */
    public static final ChainHead GENESIS = new ChainHead(0, "0".repeat(64));
}
