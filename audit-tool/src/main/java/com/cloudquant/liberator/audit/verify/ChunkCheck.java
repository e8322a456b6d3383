package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;

/**
 * A run of consecutive records checked by shared-events' {@link ChainVerifier} from a
 * given head. Stops at the first break, like a sequential verifier would.
 *
 * @param records  the decoded records of the run
 * @param start    the head the run was checked from
 * @param verified how many leading records extended the chain
 * @param end      the head after the last verified record
 * @param failure  the first break within the run, if any
 */
record ChunkCheck(List<DecodedRecord> records, ChainHead start, int verified, ChainHead end,
                  Optional<ChainBreak> failure) {

    static ChunkCheck from(ChainHead start, List<DecodedRecord> records, TrustedKeys keys) {
        ChainVerifier verifier = new ChainVerifier(keys, start);
        int verified = 0;
        for (DecodedRecord record : records) {
            Optional<ChainBreak> failure = verifier.accept(record);
            if (failure.isPresent()) {
                return new ChunkCheck(records, start, verified, verifier.head(), failure);
            }
            verified++;
        }
        return new ChunkCheck(records, start, verified, verifier.head(), Optional.empty());
    }

    /**
     * The head the run's first record claims to follow. Checking from it lets runs be
     * verified in parallel; the claim is then confirmed against the previous run's real end.
     */
    static ChainHead claimedStart(DecodedRecord first) {
        return first.wellFormedEnvelope()
                .map(e -> new ChainHead(e.seq() - 1, e.prevHash()))
                .orElse(ChainHead.GENESIS);
    }

    List<DecodedRecord> verifiedRecords() {
        return records.subList(0, verified);
    }
}
