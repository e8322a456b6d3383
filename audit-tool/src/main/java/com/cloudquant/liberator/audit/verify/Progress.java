package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;

/** How far the in-order part of a replay got: the verified head and count, or the first break. */
record Progress(ChainHead head, long verified, Optional<ChainBreak> failure) {

    Progress(ChainHead head, long verified) {
        this(head, verified, Optional.empty());
    }

    /** Appends the next batch, re-checking it from the real head if its claimed start was wrong. */
    Progress then(ChunkCheck chunk, TrustedKeys keys, ReplayListener listener, long endOffset) {
        ChunkCheck confirmed = chunk.start().equals(head) ? chunk : ChunkCheck.from(head, chunk.records(), keys);
        for (DecodedRecord record : confirmed.verifiedRecords()) {
            listener.verified(record);
        }
        List<DecodedRecord> records = confirmed.records();
        listener.progress(records.get(records.size() - 1).offset(), endOffset);
        return new Progress(confirmed.end(), verified + confirmed.verified(), confirmed.failure());
    }

    boolean failed() {
        return failure.isPresent();
    }

    ReplayOutcome outcome(long endOffset) {
        return new ReplayOutcome(verified, head, endOffset, failure);
    }
}
