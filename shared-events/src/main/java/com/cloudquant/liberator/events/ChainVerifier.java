package com.cloudquant.liberator.events;

import java.util.Optional;

/**
 * Checks records one at a time, in log order, against the chain verified so far. A record
 * that verifies advances the head; one that does not is reported and leaves the head where
 * it was, so a forged record in the middle of the log cannot poison what follows.
 * Not thread-safe: one verifier per reader.
 */
public final class ChainVerifier {

    private final TrustedKeys trustedKeys;
    private ChainHead head;

    public ChainVerifier(TrustedKeys trustedKeys) {
        this(trustedKeys, ChainHead.GENESIS);
    }

    public ChainVerifier(TrustedKeys trustedKeys, ChainHead start) {
        this.trustedKeys = trustedKeys;
        this.head = start;
    }

    /** The last verified position. */
    public ChainHead head() {
        return head;
    }

    /** Verifies {@code record}; empty when it extends the chain (and the head moved). */
    public Optional<ChainBreak> accept(DecodedRecord record) {
        if (record instanceof DecodedRecord.Malformed malformed) {
            return fail(record.offset(), ChainBreak.Reason.MALFORMED, malformed.reason());
        }
        EventEnvelope envelope = record.wellFormedEnvelope().orElseThrow();
        Optional<ChainBreak> failure = check(record.offset(), envelope, record.hashMatches());
        if (failure.isEmpty()) {
            head = envelope.head();
        }
        return failure;
    }

    private Optional<ChainBreak> check(long offset, EventEnvelope e, boolean hashMatches) {
        if (e.schemaVersion() != EventEnvelope.SCHEMA_VERSION) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_SCHEMA_VERSION,
                    "schemaVersion " + e.schemaVersion() + ", this reader understands " + EventEnvelope.SCHEMA_VERSION);
        }
        if (!hashMatches) {
            return fail(offset, ChainBreak.Reason.HASH_MISMATCH,
                    "record says hash " + e.hash() + " but its content hashes to " + AuditChain.hashOf(e));
        }
        if (!trustedKeys.knows(e.keyId())) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_KEY,
                    "signed with keyId " + e.keyId() + ", trusted: " + trustedKeys.keyIds());
        }
        if (!trustedKeys.verify(e.keyId(), e.hash(), e.signature())) {
            return fail(offset, ChainBreak.Reason.BAD_SIGNATURE,
                    "signature does not verify with keyId " + e.keyId());
        }
        long expected = head.seq() + 1;
        if (e.seq() > expected) {
            return fail(offset, ChainBreak.Reason.SEQ_GAP,
                    "expected seq " + expected + ", found " + e.seq() + ": " + (e.seq() - expected) + " event(s) missing");
        }
        if (e.seq() < expected) {
            return fail(offset, ChainBreak.Reason.SEQ_REPEATED,
                    "expected seq " + expected + ", found " + e.seq() + " again");
        }
        if (!head.hash().equals(e.prevHash())) {
            return fail(offset, ChainBreak.Reason.PREV_HASH_MISMATCH,
                    "prevHash " + e.prevHash() + " but the previous event's hash is " + head.hash());
        }
        return Optional.empty();
    }

    private static Optional<ChainBreak> fail(long offset, ChainBreak.Reason reason, String detail) {
        return Optional.of(new ChainBreak(offset, reason, detail));
    }
}
