package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.Optional;

/**
 * The start-up chain check: every record's hash, seq, prevHash and key id, but only the last
 * record's Ed25519 signature. Because each hash covers the previous one, a valid signature on
 * the head vouches for every record before it; checking 100,000 signatures with the JDK would
 * instead take minutes on a small machine. {@code GET /api/v1/audit/verify} still checks every
 * signature. Not thread-safe.
 */
final class HeadSignedChainCheck {

    private final TrustedKeys trustedKeys;
    private ChainHead head;
    private EventEnvelope unsigned;
    private long unsignedOffset;

    HeadSignedChainCheck(TrustedKeys trustedKeys, ChainHead start) {
        this.trustedKeys = trustedKeys;
        this.head = start;
    }

    /** Checks everything but the signature; the head moves only on success. */
    Optional<ChainBreak> accept(DecodedRecord record) {
        return accept(record, record.wellFormedEnvelope().map(AuditChain::hashOf).orElse(null));
    }

    /** As {@link #accept(DecodedRecord)}, with the content hash already computed. */
    Optional<ChainBreak> accept(DecodedRecord record, String computed) {
        if (record instanceof DecodedRecord.Malformed malformed) {
            return fail(record.offset(), ChainBreak.Reason.MALFORMED, malformed.reason());
        }
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        long offset = record.offset();
        if (e.schemaVersion() != EventEnvelope.SCHEMA_VERSION) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_SCHEMA_VERSION, "schemaVersion " + e.schemaVersion());
        }
        if (!computed.equals(e.hash())) {
            return fail(offset, ChainBreak.Reason.HASH_MISMATCH, "record says hash " + e.hash() + " but its content hashes to " + computed);
        }
        if (!trustedKeys.knows(e.keyId())) {
            return fail(offset, ChainBreak.Reason.UNKNOWN_KEY, "signed with keyId " + e.keyId() + ", trusted: " + trustedKeys.keyIds());
        }
        long expected = head.seq() + 1;
        if (e.seq() != expected) {
            return fail(offset, e.seq() > expected ? ChainBreak.Reason.SEQ_GAP : ChainBreak.Reason.SEQ_REPEATED,
                    "expected seq " + expected + ", found " + e.seq());
        }
        if (!head.hash().equals(e.prevHash())) {
            return fail(offset, ChainBreak.Reason.PREV_HASH_MISMATCH,
                    "prevHash " + e.prevHash() + " but the previous event's hash is " + head.hash());
        }
        head = e.head();
        unsigned = e;
        unsignedOffset = offset;
        return Optional.empty();
    }

    /** Verifies the signature of the last accepted record, which vouches for all before it. */
    Optional<ChainBreak> finish() {
        if (unsigned == null || trustedKeys.verify(unsigned.keyId(), unsigned.hash(), unsigned.signature())) {
            return Optional.empty();
        }
        return fail(unsignedOffset, ChainBreak.Reason.BAD_SIGNATURE, "the signature of the last record (seq "
                + unsigned.seq() + ") does not verify, so no record since the previous start can be trusted;"
                + " GET /api/v1/audit/verify names the first forged record");
    }

    ChainHead head() {
        return head;
    }

    private static Optional<ChainBreak> fail(long offset, ChainBreak.Reason reason, String detail) {
        return Optional.of(new ChainBreak(offset, reason, detail));
    }
}
