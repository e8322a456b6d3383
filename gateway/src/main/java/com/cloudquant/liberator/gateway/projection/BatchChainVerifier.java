package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Accepts exactly the records {@link ChainVerifier} would accept, with one Ed25519
 * verification per run of records instead of one per record. A signature on a record's
 * hash commits to every earlier record through the {@code prevHash} links, so when a run
 * links up from the verified head and its last record's signature verifies, the whole run
 * is what the token-service wrote. Ed25519 verification costs milliseconds on a busy
 * 2-core machine; per-record checks made a 1,000,000-event rebuild take over half an hour.
 * Any run whose last signature fails is re-checked one record at a time with
 * {@link ChainVerifier}, so a forged record is reported and skipped exactly as before.
 * Not thread-safe: one per reader.
 */
final class BatchChainVerifier {

    private static final int PARALLEL_FROM = 256;

    private final TrustedKeys trustedKeys;
    private ChainHead head = ChainHead.GENESIS;

    BatchChainVerifier(TrustedKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    /** The records of {@code batch}, in order, that extend the verified chain; breaks go to {@code onBreak}. */
    List<DecodedRecord> accept(List<DecodedRecord> batch, Consumer<ChainBreak> onBreak) {
        List<DecodedRecord> accepted = new ArrayList<>(batch.size());
        List<String> computedHashes = computeHashes(batch);
        int i = 0;
        while (i < batch.size()) {
            ChainHead speculative = head;
            int end = i;
            while (end < batch.size() && linksWithoutSignature(batch.get(end), computedHashes.get(end), speculative)) {
                speculative = batch.get(end).wellFormedEnvelope().orElseThrow().head();
                end++;
            }
            if (end > i && lastSignatureVerifies(batch.get(end - 1))) {
                accepted.addAll(batch.subList(i, end));
                head = speculative;
                i = end;
                continue;
            }
            // a record that does not link, or a run whose signature fails: decide record by record
            int stop = Math.max(end, i + 1);
            for (; i < stop; i++) {
                ChainVerifier single = new ChainVerifier(trustedKeys, head);
                Optional<ChainBreak> failure = single.accept(batch.get(i));
                if (failure.isPresent()) {
                    onBreak.accept(failure.get());
                } else {
                    accepted.add(batch.get(i));
                    head = single.head();
                }
            }
        }
        return accepted;
    }

    /**
     * The hash each record's content hashes to. Pure per record, so a catch-up batch is hashed
     * on all cores (the replica is not ready yet and has nothing else to do).
     */
    private static List<String> computeHashes(List<DecodedRecord> batch) {
        if (batch.size() < PARALLEL_FROM) {
            return batch.stream().map(BatchChainVerifier::hashOf).toList();
        }
        return batch.parallelStream().map(BatchChainVerifier::hashOf).toList();
    }

    private static String hashOf(DecodedRecord record) {
        return record.wellFormedEnvelope().map(AuditChain::hashOf).orElse("");
    }

    private boolean linksWithoutSignature(DecodedRecord record, String computedHash, ChainHead after) {
        Optional<EventEnvelope> maybe = record.wellFormedEnvelope();
        if (maybe.isEmpty()) {
            return false;
        }
        EventEnvelope e = maybe.get();
        return e.schemaVersion() == EventEnvelope.SCHEMA_VERSION
                && e.seq() == after.seq() + 1
                && after.hash().equals(e.prevHash())
                && trustedKeys.knows(e.keyId())
                && computedHash.equals(e.hash());
    }

    private boolean lastSignatureVerifies(DecodedRecord record) {
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        return trustedKeys.verify(e.keyId(), e.hash(), e.signature());
    }
}
