package com.cloudquant.liberator.events;

/**
 * How far a log has been verified: the last verified position and the {@link TrustedKeys} true
 * at it. The one state {@link ChainVerifier} (every signature) and {@link RunVerifier} (one
 * signature per run) keep; a {@code RunVerifier} hands its own to the {@code ChainVerifier} that
 * judges a record alone, so what that accepts moves the run verifier on too. Not thread-safe.
 */
final class VerifiedChain {

    private ChainHead head;
    private TrustedKeys keys;

    VerifiedChain(TrustedKeys keysAtHead, ChainHead head) {
        this.keys = keysAtHead;
        this.head = head;
    }

    ChainHead head() {
        return head;
    }

    TrustedKeys keys() {
        return keys;
    }

    /**
     * Moves past {@code accepted}, a well-formed record verified to extend the chain: the head
     * is its position, and a {@link SigningKeyRotated} moves the keys on ({@link TrustedKeys#after}).
     */
    void extend(DecodedRecord accepted) {
        head = accepted.wellFormedEnvelope().orElseThrow().head();
        keys = keys.after(accepted);
    }
}
