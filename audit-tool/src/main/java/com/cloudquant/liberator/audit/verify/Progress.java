package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;

/** How far the in-order part of a replay got: the verified head, the keys there and the count, or the first break. */
record Progress(ChainHead head, TrustedKeys keys, long verified, Optional<ChainBreak> failure) {

    /** Nothing verified yet: the genesis head and keys. */
    Progress(TrustedKeys genesisKeys) {
        this(ChainHead.GENESIS, genesisKeys, 0, Optional.empty());
    }

    /** Appends the next batch, re-checking it from the real head and keys if its assumed start was wrong. */
    Progress then(ChunkCheck chunk, ReplayListener listener, long endOffset) {
        ChunkCheck confirmed = chunk.startsAt(head, keys) ? chunk : ChunkCheck.from(chunk.signatures(), head, keys, chunk.records());
        for (DecodedRecord record : confirmed.verifiedRecords()) {
            listener.verified(record);
        }
        List<DecodedRecord> records = confirmed.records();
        listener.progress(records.get(records.size() - 1).offset(), endOffset);
        return new Progress(confirmed.end(), confirmed.endKeys(), verified + confirmed.verified(), confirmed.failure());
    }

    boolean failed() {
        return failure.isPresent();
    }

    ReplayOutcome outcome(long endOffset) {
        return new ReplayOutcome(verified, head, endOffset, failure);
    }
}
