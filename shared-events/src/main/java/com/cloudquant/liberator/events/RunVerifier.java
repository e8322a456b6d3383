package com.cloudquant.liberator.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies records in runs: every record's schema version, hash, key id, {@code seq} and
 * {@code prevHash}, but the Ed25519 signature of only the last record of each run of records
 * that link up. JDK Ed25519 costs 0.3–3 ms per verification on a small machine, so checking
 * every signature of a long log takes minutes; this takes one per run.
 *
 * <p><b>Why one signature covers the run.</b> A record's hash is SHA-256 over the previous
 * record's hash and its own canonical body, and its signature is over that hash. A record
 * links when its recomputed hash equals its {@code hash}, its {@code prevHash} is the hash of
 * the record before it (the verified head for the first) and its {@code seq} is one more. So
 * a valid signature on the last record of a linked run vouches for the body and position of
 * every record back to the verified head: changing any of them changes every later hash, and
 * only the holder of the private key can sign the new last one.
 *
 * <p><b>Same verdicts as {@link ChainVerifier}.</b> A run ends at the first record that does
 * not link, and at a change of {@code keyId} (so each key's records are vouched for by that
 * key's own signature); a record that does not link would fail {@code ChainVerifier} too. When
 * the run's last signature verifies, the run is accepted and the record that ended it is judged
 * alone by {@code ChainVerifier}. When it does not, the run's signatures are binary-searched for
 * the first that fails (O(log n) checks): a valid signature on a record vouches for every record
 * of the run before it, and a forger without the key changes the hash of the forged record and
 * of every later one, so from it on no signature of the run verifies. The records before it are
 * accepted and it is judged by {@code ChainVerifier} from the head they reach, so it gets
 * exactly the offset, reason and detail {@code ChainVerifier} gives it; the records after it are
 * judged against that head. The one difference: {@code keyId} and {@code signature} are outside
 * the hash, so a record inside a run whose signature alone was damaged is accepted here (its
 * content is vouched for by a later signature) where {@code ChainVerifier} refuses it. Use
 * {@code ChainVerifier} for an audit that must check every signature.
 *
 * <p><b>Runs and key rotation.</b> Whether a key may sign a record depends on its {@code seq}
 * ({@link TrustedKeys}). A run is linked under the keys as they stand before it: a record whose
 * key is not valid at its {@code seq} there does not link, ends the run, and
 * {@code ChainVerifier} reports it ({@link ChainBreak.Reason#RETIRED_KEY}). A
 * {@link SigningKeyRotated} always ends its run, and only once the run is accepted do the keys
 * move on. That is what keeps a retired key from vouching for anything after its retirement:
 * were the run to go on past the rotation, the records after it would still be judged under
 * the keys before it, in which the outgoing key is valid at every later {@code seq}, so a
 * record the retired key signed after the rotation would link, and its signature, checked as
 * the run's last, would vouch for it. Ending the run at the rotation means every record after
 * it is linked under the keys the rotation made (only the new key) and the one signature checked
 * for them is made by the new key. The rotation itself is vouched for by its own signature, by
 * the outgoing key, valid at its {@code seq}: the new key never vouches for its own
 * introduction (it is not even known while the rotation's run is linked).
 *
 * <p>A run never spans two calls: what a call accepts is final, and the next call goes on
 * from {@link #head()}. So a caller pays at least one signature per call with records, and
 * picks the length of its runs by what it hands over (a poll batch, say).
 *
 * <p>Each record's hash was checked when it was decoded ({@link DecodedRecord#hashMatches()}),
 * so a caller spreads that work by decoding on several threads. Not thread-safe: it holds the
 * verified head, so one per reader; {@link TrustedKeys} is thread-safe.
 */
public final class RunVerifier {

    private final VerifiedChain chain;
    /** Judges alone, on the same chain, each record that does not link or whose signature fails. */
    private final ChainVerifier single;

    /**
     * Continues the chain after {@code start}; {@code keysAtStart} are the keys as they stand
     * at {@code start} (the genesis keys at {@link ChainHead#GENESIS}).
     */
    public RunVerifier(TrustedKeys keysAtStart, ChainHead start) {
        this.chain = new VerifiedChain(keysAtStart, start);
        this.single = new ChainVerifier(chain);
    }

    /** The last verified position. */
    public ChainHead head() {
        return chain.head();
    }

    /** The keys as they stand at {@link #head()}, rotations accepted so far included. */
    public TrustedKeys keys() {
        return chain.keys();
    }

    /**
     * Verifies {@code records} (in log order, after {@link #head()}) and goes on past breaks,
     * as a reader that skips forged records does; the head moves to the last accepted record.
     */
    public Result verify(List<DecodedRecord> records) {
        return verify(records, false);
    }

    /**
     * As {@link #verify}, but stops at the first break: the result holds the records accepted
     * before it and that break; later records are neither checked nor accepted.
     */
    public Result verifyUntilFirstBreak(List<DecodedRecord> records) {
        return verify(records, true);
    }

    private Result verify(List<DecodedRecord> records, boolean stopAtFirstBreak) {
        List<DecodedRecord> accepted = new ArrayList<>(records.size());
        List<ChainBreak> breaks = new ArrayList<>();
        int i = 0;
        while (i < records.size()) {
            int end = i;
            ChainHead runHead = chain.head();
            String runKey = keyId(records.get(i));
            while (end < records.size() && links(records.get(end), runHead)
                    && Objects.equals(runKey, keyId(records.get(end)))) {
                runHead = records.get(end).wellFormedEnvelope().orElseThrow().head();
                end++;
                if (records.get(end - 1) instanceof DecodedRecord.KeyRotation) {
                    break; // its own signature, by the outgoing key, must be the one checked
                }
            }
            int firstBad = end > i ? firstFailingSignature(records, i, end) : i;
            if (firstBad > i) {
                accepted.addAll(records.subList(i, firstBad));
                chain.extend(records.get(firstBad - 1)); // only a run's last record can be a rotation
                i = firstBad;
                if (i == end) {
                    continue;
                }
            }
            // record i does not link, or its signature fails: ChainVerifier decides it alone
            Optional<ChainBreak> failure = single.accept(records.get(i));
            if (failure.isEmpty()) {
                accepted.add(records.get(i));
            } else {
                breaks.add(failure.get());
                if (stopAtFirstBreak) {
                    return new Result(accepted, breaks);
                }
            }
            i++;
        }
        return new Result(accepted, breaks);
    }

    /**
     * The first record of the linked run {@code [from, end)} whose signature fails, {@code end}
     * when the last one verifies. One check when the run is sound; otherwise a binary search,
     * sound because a valid signature on a record vouches for every record of the run before it.
     */
    private int firstFailingSignature(List<DecodedRecord> records, int from, int end) {
        if (signatureVerifies(records.get(end - 1))) {
            return end;
        }
        int verifies = from - 1; // invariant: records.get(fails) fails, every record up to verifies is vouched for
        int fails = end - 1;
        while (fails - verifies > 1) {
            int mid = (verifies + fails) >>> 1;
            if (signatureVerifies(records.get(mid))) {
                verifies = mid;
            } else {
                fails = mid;
            }
        }
        return fails;
    }

    private static String keyId(DecodedRecord record) {
        return record.wellFormedEnvelope().map(EventEnvelope::keyId).orElse(null);
    }

    /** Everything {@link ChainVerifier} checks except the signature, under the keys as they stand before the run. */
    private boolean links(DecodedRecord record, ChainHead after) {
        Optional<EventEnvelope> maybe = record.wellFormedEnvelope();
        if (maybe.isEmpty()) {
            return false;
        }
        EventEnvelope e = maybe.get();
        TrustedKeys keys = chain.keys();
        return e.schemaVersion() == EventEnvelope.SCHEMA_VERSION
                && record.hashMatches()
                && keys.knows(e.keyId())
                && keys.refusal(record).isEmpty()
                && e.seq() == after.seq() + 1
                && after.hash().equals(e.prevHash());
    }

    private boolean signatureVerifies(DecodedRecord record) {
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        return chain.keys().verify(e.keyId(), e.hash(), e.signature());
    }

    /**
     * What a call decided.
     *
     * @param accepted the records that extend the chain, in log order
     * @param breaks   the records that do not, in log order, as {@link ChainVerifier} reports them
     */
    public record Result(List<DecodedRecord> accepted, List<ChainBreak> breaks) {

        public Result {
            accepted = List.copyOf(accepted);
            breaks = List.copyOf(breaks);
        }

        /** The first break, if any. */
        public Optional<ChainBreak> firstBreak() {
            return breaks.stream().findFirst();
        }
    }
}
