package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
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
 * signature per run. Not thread-safe: one per reader.
 */
public final class ChainFollower {

    private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);
    /** Batches this long are hashed on all cores (a catch-up read; a live batch is a record or two). */
    private static final int PARALLEL_HASHING_FROM = 256;

    private final RunVerifier verifier;
    private ChainHalt halt;

    public ChainFollower(TrustedKeys trustedKeys, ChainHead start) {
        this.verifier = new RunVerifier(trustedKeys, start, PARALLEL_HASHING_FROM);
    }

    /** The last verified position. */
    public ChainHead head() {
        return verifier.head();
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
        List<DecodedRecord> accepted = new ArrayList<>(records.size());
        List<ChainBreak> skipped = new ArrayList<>();
        List<DecodedRecord> rest = records;
        while (!rest.isEmpty()) {
            RunVerifier.Result result = verifier.verifyUntilFirstBreak(rest);
            accepted.addAll(result.accepted());
            Optional<ChainBreak> broken = result.firstBreak();
            if (broken.isEmpty()) {
                break;
            }
            ChainBreak chainBreak = broken.get();
            if (ChainHalt.halts(chainBreak)) {
                halt(ChainHalt.of(chainBreak));
                return new Step(accepted, skipped, halt());
            }
            skipped.add(chainBreak);
            LOG.error("event=record_skipped offset={} reason={} action=not_applied detail=\"{}\"",
                    chainBreak.offset(), chainBreak.reason(), chainBreak.detail());
            rest = after(rest, chainBreak.offset());
        }
        return new Step(accepted, skipped, Optional.empty());
    }

    private static List<DecodedRecord> after(List<DecodedRecord> records, long offset) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).offset() == offset) {
                return records.subList(i + 1, records.size());
            }
        }
        throw new IllegalStateException("break at offset " + offset + " is not in the batch");
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
