package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.tokenlog.ChainFollower;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what the log says to the index under token-log's one break policy: records are
 * verified by a {@link ChainFollower} (an unauthenticated record is skipped and logged; a
 * record signed with a trusted key that does not link halts it for good) and what it accepts
 * is folded into the index. The same follower serves the start-up replay and every catch-up
 * before a write, so both decide alike. What the follower skips is reviewed by
 * {@link AuditedSkips}, the writer's stricter policy. Reading is the caller's. Not thread-safe: the storage
 * engine serialises its use.
 */
final class TokenLogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogReplay.class);

    private final TokenIndex index;
    private final AuditedSkips skips;
    private ChainFollower follower;

    /** Replays from the index's head; {@code genesisKeys} are the configured keys, later ones come from the chain. */
    TokenLogReplay(TrustedKeys genesisKeys, TokenIndex index, AuditedSkips skips) {
        this.index = index;
        this.skips = skips;
        this.follower = new ChainFollower(genesisKeys, index.head());
    }

    /** The signing keys as the verified chain has them: which key may sign the next record. */
    TrustedKeys keys() {
        return follower.keys();
    }

    /**
     * Verifies {@code records} (in log order, after everything applied so far) and adds what
     * is accepted to the index.
     *
     * @return the halt, when the log halted in this batch or before
     */
    Optional<ChainHalt> apply(List<DecodedRecord> records) {
        if (records.isEmpty()) {
            return follower.halt();
        }
        ChainFollower.Step step = follower.follow(records);
        skips.review(records, step);
        step.accepted().forEach(this::add);
        return step.halt();
    }

    /** Halts for a reason found outside the records (the log was rewound); the first reason stays. */
    ChainHalt halt(ChainHalt reason) {
        follower.halt(reason);
        return follower.halt().orElseThrow();
    }

    Optional<ChainHalt> halt() {
        return follower.halt();
    }

    /**
     * The index moved past records this service sealed and committed itself, which are
     * verified by construction: go on from there without paying a signature check per write
     * to read them back. Only while not halted (a halted service writes nothing).
     *
     * @param keysAfter the signing keys after the own records (moved on when one was a rotation)
     */
    void continueAfterOwnWrite(TrustedKeys keysAfter) {
        restartAtIndexHead(keysAfter);
    }

    /**
     * Follows on from the index's head, whatever the follower had verified, with the keys valid
     * there: after an own write (verified by construction), or after a write whose outcome is
     * unknown or that failed between the commit and the index (the records after the head are
     * then read back and verified like anyone's; the keys are then the follower's own).
     * Only while not halted (a halted service writes nothing).
     */
    void restartAtIndexHead() {
        restartAtIndexHead(follower.keys());
    }

    private void restartAtIndexHead(TrustedKeys keysAtHead) {
        if (follower.halt().isPresent()) {
            throw new IllegalStateException("a halted log takes no writes");
        }
        ChainHead head = index.head();
        if (!follower.head().equals(head) || !follower.keys().equals(keysAtHead)) {
            follower = new ChainFollower(keysAtHead, head);
        }
    }

    private void add(DecodedRecord accepted) {
        if (accepted instanceof DecodedRecord.KnownEvent known) {
            index.add(known.envelope(), known.event(), known.offset());
        } else if (accepted instanceof DecodedRecord.KeyRotation rotation) {
            // the follower moved its keys on; the index keeps the chain position (which key signs next is the engine's)
            index.skip(rotation.envelope(), rotation.offset());
        } else if (accepted instanceof DecodedRecord.UnknownEvent unknown) {
            // a newer writer's event type: it keeps its place in the chain, this service cannot apply it
            LOG.warn("decision=skip-unknown-event offset={} type={} seq={}", unknown.offset(),
                    unknown.envelope().type(), unknown.envelope().seq());
            index.skip(unknown.envelope(), unknown.offset());
        }
    }
}
