package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;

/**
 * A batch of consecutive records checked from a given head and the signing keys as they stand
 * there, by shared-events' {@link RunVerifier} (one signature per run) or {@link ChainVerifier}
 * (every signature). Stops at the first break, like a sequential verifier would.
 *
 * @param signatures how many signatures were checked
 * @param records   the decoded records of the run
 * @param start     the head the run was checked from
 * @param startKeys the keys the run was checked with
 * @param verified  how many leading records extended the chain
 * @param end       the head after the last verified record
 * @param endKeys   the keys after it (moved on by a rotation in the run)
 * @param failure   the first break within the run, if any
 */
record ChunkCheck(Signatures signatures, List<DecodedRecord> records, ChainHead start, TrustedKeys startKeys,
                  int verified, ChainHead end, TrustedKeys endKeys, Optional<ChainBreak> failure) {

    static ChunkCheck from(Signatures signatures, ChainHead start, TrustedKeys keys, List<DecodedRecord> records) {
        if (signatures == Signatures.ONE_PER_RUN) {
            RunVerifier runs = new RunVerifier(keys, start);
            RunVerifier.Result result = runs.verifyUntilFirstBreak(records);
            return new ChunkCheck(signatures, records, start, keys, result.accepted().size(), runs.head(), runs.keys(),
                    result.firstBreak());
        }
        ChainVerifier verifier = new ChainVerifier(keys, start);
        int verified = 0;
        for (DecodedRecord record : records) {
            Optional<ChainBreak> failure = verifier.accept(record);
            if (failure.isPresent()) {
                return new ChunkCheck(signatures, records, start, keys, verified, verifier.head(), verifier.keys(), failure);
            }
            verified++;
        }
        return new ChunkCheck(signatures, records, start, keys, verified, verifier.head(), verifier.keys(), Optional.empty());
    }

    /** Whether this check started where the chain verified so far really ends: then its verdict is the sequential one. */
    boolean startsAt(ChainHead head, TrustedKeys keys) {
        return start.equals(head) && startKeys.equals(keys);
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
