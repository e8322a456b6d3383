package com.cloudquant.liberator.events;

import java.util.Optional;

/**
 * Checks records one at a time, in log order, against the chain verified so far. A record
 * that verifies advances the head; one that does not is reported and leaves the head where
 * it was, so a forged record in the middle of the log cannot poison what follows.
 *
 * <p>The verified state is the head and the {@link TrustedKeys} true at it: an accepted
 * {@link SigningKeyRotated} moves the keys on ({@link TrustedKeys#after}), so a record signed
 * by a key the chain retired before it is {@link ChainBreak.Reason#RETIRED_KEY}.
 * Not thread-safe: one verifier per reader.
 */
public final class ChainVerifier {

    private final VerifiedChain chain;

    /** Verifies from the first record, trusting the genesis {@code trustedKeys}. */
    public ChainVerifier(TrustedKeys trustedKeys) {
        this(trustedKeys, ChainHead.GENESIS);
    }

    /** Continues after {@code start}; {@code keysAtStart} are the keys as they stand there. */
    public ChainVerifier(TrustedKeys keysAtStart, ChainHead start) {
        this(new VerifiedChain(keysAtStart, start));
    }

    /** Verifies on from where {@code chain} stands, moving it on. */
    ChainVerifier(VerifiedChain chain) {
        this.chain = chain;
    }

    /** The last verified position. */
    public ChainHead head() {
        return chain.head();
    }

    /** The keys as they stand at {@link #head()}, rotations accepted so far included. */
    public TrustedKeys keys() {
        return chain.keys();
    }

    /** Verifies {@code record}; empty when it extends the chain (and the head moved). */
    public Optional<ChainBreak> accept(DecodedRecord record) {
        if (record instanceof DecodedRecord.Malformed malformed) {
            return fail(record.offset(), ChainBreak.Reason.MALFORMED, malformed.reason());
        }
        EventEnvelope envelope = record.wellFormedEnvelope().orElseThrow();
        Optional<ChainBreak> failure = check(record, envelope);
        if (failure.isEmpty()) {
            chain.extend(record);
        }
        return failure;
    }

    private Optional<ChainBreak> check(DecodedRecord record, EventEnvelope e) {
        long offset = record.offset();
        TrustedKeys keys = chain.keys();
        ChainHead head = chain.head();
        if (e.schemaVersion() != EventEnvelope.SCHEMA_VERSION) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_SCHEMA_VERSION,
                    "schemaVersion " + e.schemaVersion() + ", this reader understands " + EventEnvelope.SCHEMA_VERSION);
        }
        if (!record.hashMatches()) {
            return fail(offset, ChainBreak.Reason.HASH_MISMATCH,
                    "record says hash " + e.hash() + " but its content hashes to " + AuditChain.hashOf(e));
        }
        if (!keys.knows(e.keyId())) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_KEY,
                    "signed with keyId " + e.keyId() + ", trusted: " + keys.keyIds());
        }
        Optional<String> retired = keys.refusal(record);
        if (retired.isPresent()) {
            return fail(offset, ChainBreak.Reason.RETIRED_KEY, retired.get());
        }
        if (!keys.verify(e.keyId(), e.hash(), e.signature())) {
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
