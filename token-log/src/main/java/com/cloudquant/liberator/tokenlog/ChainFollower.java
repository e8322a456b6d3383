package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the log in order and applies the one break policy every reader shares: a record
 * nobody trusted signed is skipped (reported, never applied); a record a trusted key signed
 * that does not extend the chain halts the follower for good ({@link ChainHalt#halts}).
 * Verification itself is shared-events' {@link RunVerifier}: every hash and link, one
 * signature per run, and the signing keys as the chain rotates them (a reader is configured
 * with the genesis keys only and learns every later key from a {@code SigningKeyRotated} on
 * the chain). Not thread-safe: one per reader.
 */
public final class ChainFollower {

    private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

    private final RunVerifier verifier;
    private ChainHalt halt;

    /** Follows the chain after {@code start}; {@code keysAtStart} are the keys as they stand there (genesis keys at 0). */
    public ChainFollower(TrustedKeys keysAtStart, ChainHead start) {
        this.verifier = new RunVerifier(keysAtStart, start);
    }

    /** The last verified position. */
    public ChainHead head() {
        return verifier.head();
    }

    /** The signing keys as they stand at {@link #head()}: which key may sign the next record. */
    public TrustedKeys keys() {
        return verifier.keys();
    }

    /** The halt, once one happened: from then on nothing more is accepted. */
    public Optional<ChainHalt> halt() {
        return Optional.ofNullable(halt);
    }

    /** Halts for a reason found outside the records (the log was rewound or replaced). */
    public void halt(ChainHalt reason) {
        if (halt == null) {
            halt = reason;
            LOG.error("event=token_log_halted offset={} kind={} detail=\"{}\" action=fail_closed fix=\"{}\"",
                    reason.offset(), reason.kind(), reason.detail(), reason.fix());
        }
    }

    /** Verifies {@code records} (in log order, after {@link #head()}) and says what to apply. */
    public Step follow(List<DecodedRecord> records) {
        if (halt != null) {
            return new Step(List.of(), List.of(), halt());
        }
        // one pass: hashes are checked once per batch however many records a stray producer slipped in
        RunVerifier.Result result = verifier.verify(records);
        Optional<ChainBreak> halting = result.breaks().stream().filter(ChainHalt::halts).findFirst();
        long haltOffset = halting.map(ChainBreak::offset).orElse(Long.MAX_VALUE);
        List<DecodedRecord> accepted = new ArrayList<>(result.accepted().size());
        for (DecodedRecord record : result.accepted()) {
            if (record.offset() < haltOffset) { // the verifier went on past a halt: nothing after it counts
                accepted.add(record);
                if (record instanceof DecodedRecord.KeyRotation rotation) {
                    LOG.info("event=signing_key_rotated offset={} seq={} new_key_id={} signed_by={} actor={} reason=\"{}\"",
                            record.offset(), rotation.envelope().seq(), rotation.rotation().newKeyId(),
                            rotation.envelope().keyId(), Printable.line(rotation.rotation().rotatedBy()),
                            Printable.line(rotation.rotation().reason()));
                }
            }
        }
        List<ChainBreak> skipped = new ArrayList<>();
        for (ChainBreak chainBreak : result.breaks()) {
            if (chainBreak.offset() < haltOffset) {
                skipped.add(chainBreak);
                LOG.error("event=record_skipped offset={} reason={} action=not_applied detail=\"{}\"",
                        chainBreak.offset(), chainBreak.reason(), chainBreak.detail());
            }
        }
        halting.ifPresent(chainBreak -> halt(ChainHalt.of(chainBreak)));
        return new Step(accepted, skipped, halt());
    }

    /**
     * What one call decided.
     *
     * @param accepted records that extend the chain, in log order: apply these
     * @param skipped  unauthenticated records, not applied
     * @param halt     present when the follower halted in (or before) this batch
     */
    public record Step(List<DecodedRecord> accepted, List<ChainBreak> skipped, Optional<ChainHalt> halt) {
        public Step {
            accepted = List.copyOf(accepted);
            skipped = List.copyOf(skipped);
        }
    }
}
