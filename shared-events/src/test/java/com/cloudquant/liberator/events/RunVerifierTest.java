package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Every input is also given to a plain {@link ChainVerifier} (and hashed both on one thread
 * and on all cores): the run verifier must accept and report exactly what it does, except
 * for the one documented difference, a damaged signature inside a run.
 */
class RunVerifierTest {

    private final EventSigner signer = new EventSigner(Ed25519Keys.generate());
    private final EventSigner forger = new EventSigner(Ed25519Keys.generate());
    private final AuditChain chain = new AuditChain(signer);
    private final TrustedKeys trusted = signer.trustedKeys();

    @Test
    void aCleanRunIsAcceptedAsChainVerifierAcceptsIt() {
        List<EventEnvelope> log = log(6);
        RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);

        RunVerifier.Result result = verifier.verify(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(result.breaks()).isEmpty();
        assertThat(verifier.head()).isEqualTo(log.get(5).head());
        assertThat(result).isEqualTo(sameAsChainVerifier(decoded(log)));
    }

    @Test
    void aCleanRunNeedsOnlyTheSignatureOfItsLastRecord() {
        List<EventEnvelope> log = log(6);
        // the signatures of records 0..4 would not verify: only a verifier that skips them accepts the run
        for (int i = 0; i < 5; i++) {
            log.set(i, withSignature(log.get(i), signer.sign("0".repeat(64))));
        }
        RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);

        RunVerifier.Result result = verifier.verify(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(result.breaks()).isEmpty();
        // the documented difference: ChainVerifier checks each signature and refuses record 0 on
        assertThat(chainVerifier(decoded(log), ChainHead.GENESIS).firstBreak())
                .get().extracting(ChainBreak::offset, ChainBreak::reason).containsExactly(0L, ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void alteredDataKeepingTheOldHashIsAHashMismatchAtItsOffset() {
        List<EventEnvelope> log = log(5);
        log.set(2, withData(log.get(2), "mallory"));

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L);
        assertThat(breaks(result)).containsExactly(
                tuple(2L, ChainBreak.Reason.HASH_MISMATCH),
                // record 2 was refused, so the genuine records after it no longer follow the head
                tuple(3L, ChainBreak.Reason.SEQ_GAP),
                tuple(4L, ChainBreak.Reason.SEQ_GAP));
    }

    @Test
    void aRecomputedHashWithoutAValidSignatureAtTheEndOfARunIsABadSignature() {
        List<EventEnvelope> log = log(5);
        log.set(4, resealedWithoutTheKey(log.get(4)));

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 2L, 3L);
        assertThat(breaks(result)).containsExactly(tuple(4L, ChainBreak.Reason.BAD_SIGNATURE));
        assertThat(result.breaks().get(0).detail()).isEqualTo("signature does not verify with keyId " + signer.keyId());
    }

    @Test
    void aRecomputedHashWithoutAValidSignatureInTheMiddleOfARunIsABadSignatureAtItsOwnOffset() {
        List<EventEnvelope> log = log(5);
        log.set(2, resealedWithoutTheKey(log.get(2)));

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L);
        assertThat(breaks(result)).containsExactly(
                tuple(2L, ChainBreak.Reason.BAD_SIGNATURE),
                tuple(3L, ChainBreak.Reason.SEQ_GAP),
                tuple(4L, ChainBreak.Reason.SEQ_GAP));
    }

    @Test
    void aTailResealedWithoutTheKeyIsReportedFromItsFirstRecord() {
        List<EventEnvelope> log = log(5);
        ChainHead head = log.get(1).head();
        AuditChain forged = new AuditChain(forger);
        for (int i = 2; i < 5; i++) {
            // chained correctly and labelled with our key id, but signed with the forger's key
            EventEnvelope fake = forged.seal(head, issued("t-forged-" + i), UUID.randomUUID().toString());
            log.set(i, withKeyId(fake, signer.keyId()));
            head = fake.head();
        }

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L);
        assertThat(breaks(result)).containsExactly(
                tuple(2L, ChainBreak.Reason.BAD_SIGNATURE),
                tuple(3L, ChainBreak.Reason.BAD_SIGNATURE),
                tuple(4L, ChainBreak.Reason.BAD_SIGNATURE));
    }

    @Test
    void aDeletedRecordIsASeqGap() {
        List<EventEnvelope> log = log(5);
        log.remove(2);

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L);
        assertThat(breaks(result)).containsExactly(
                tuple(2L, ChainBreak.Reason.SEQ_GAP),
                tuple(3L, ChainBreak.Reason.SEQ_GAP));
        assertThat(result.breaks().get(0).detail()).isEqualTo("expected seq 3, found 4: 1 event(s) missing");
    }

    @Test
    void aDuplicatedRecordIsASeqRepeatAndTheRecordsAfterItAreAccepted() {
        List<EventEnvelope> log = log(5);
        log.add(3, log.get(1));

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 2L, 4L, 5L);
        assertThat(breaks(result)).containsExactly(tuple(3L, ChainBreak.Reason.SEQ_REPEATED));
        assertThat(result.breaks().get(0).detail()).isEqualTo("expected seq 4, found 2 again");
    }

    @Test
    void aRecordSignedWithAnUnknownKeyIdIsRefusedAndTheGenuineOneAtItsPlaceIsAccepted() {
        List<EventEnvelope> log = log(2);
        EventEnvelope rogue = new AuditChain(forger).seal(log.get(1).head(), issued("t-rogue"), UUID.randomUUID().toString());
        EventEnvelope genuine = chain.seal(log.get(1).head(), issued("t-2"), UUID.randomUUID().toString());
        log.addAll(List.of(rogue, genuine, chain.seal(genuine.head(), issued("t-3"), UUID.randomUUID().toString())));

        RunVerifier.Result result = sameAsChainVerifier(decoded(log));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 3L, 4L);
        assertThat(breaks(result)).containsExactly(tuple(2L, ChainBreak.Reason.UNKNOWN_KEY));
    }

    @Test
    void aRunWhoseLastSignatureFailsKeepsItsEarlierRecords() {
        List<EventEnvelope> log = log(6);
        List<EventEnvelope> first = new ArrayList<>(log.subList(0, 5));
        // content and chain intact, only the signature of the run's last record is wrong
        first.set(4, withSignature(first.get(4), signer.sign("0".repeat(64))));
        RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);
        ChainVerifier reference = new ChainVerifier(trusted);

        RunVerifier.Result result = verifier.verify(decoded(first));

        assertThat(offsets(result.accepted())).containsExactly(0L, 1L, 2L, 3L);
        assertThat(breaks(result)).containsExactly(tuple(4L, ChainBreak.Reason.BAD_SIGNATURE));
        assertThat(result).isEqualTo(accept(reference, decoded(first)));
        assertThat(verifier.head()).isEqualTo(log.get(3).head()).isEqualTo(reference.head());

        // the next call goes on from record 3: record 5 follows the refused record 4, so it is a gap
        List<DecodedRecord> next = List.of(decode(5, log.get(5)));
        assertThat(verifier.verify(next)).isEqualTo(accept(reference, next));
        assertThat(verifier.head()).isEqualTo(log.get(3).head());
    }

    @Test
    void aForgedRecordEndingOneCallDoesNotStopTheGenuineOneInTheNext() {
        List<EventEnvelope> log = log(2);
        EventEnvelope forged = withKeyId(
                new AuditChain(forger).seal(log.get(0).head(), issued("t-evil"), UUID.randomUUID().toString()),
                signer.keyId());
        RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);

        RunVerifier.Result first = verifier.verify(List.of(decode(0, log.get(0)), decode(1, forged)));
        RunVerifier.Result second = verifier.verify(List.of(decode(2, log.get(1))));

        assertThat(offsets(first.accepted())).containsExactly(0L);
        assertThat(breaks(first)).containsExactly(tuple(1L, ChainBreak.Reason.BAD_SIGNATURE));
        assertThat(offsets(second.accepted())).containsExactly(2L);
        assertThat(second.breaks()).isEmpty();
        assertThat(verifier.head()).isEqualTo(log.get(1).head());
    }

    @Test
    void aMalformedValueIsReportedAndTheChainGoesOnAfterIt() {
        List<EventEnvelope> log = log(3);
        List<DecodedRecord> records = List.of(decode(0, log.get(0)), EventCodec.decode(1, "not json".getBytes()),
                decode(2, log.get(1)), decode(3, log.get(2)));

        RunVerifier.Result result = sameAsChainVerifier(records);

        assertThat(offsets(result.accepted())).containsExactly(0L, 2L, 3L);
        assertThat(breaks(result)).containsExactly(tuple(1L, ChainBreak.Reason.MALFORMED));
    }

    @Test
    void aVerifierStartedFromAHeadContinuesTheChainFromThere() {
        List<EventEnvelope> log = log(5);
        List<DecodedRecord> tail = decoded(log).subList(3, 5);
        RunVerifier verifier = new RunVerifier(trusted, log.get(2).head());

        RunVerifier.Result result = verifier.verify(tail);

        assertThat(offsets(result.accepted())).containsExactly(3L, 4L);
        assertThat(result).isEqualTo(chainVerifier(tail, log.get(2).head()));
        assertThat(new RunVerifier(trusted, ChainHead.GENESIS).verify(tail).firstBreak())
                .get().extracting(ChainBreak::reason).isEqualTo(ChainBreak.Reason.SEQ_GAP);
    }

    @Test
    void stoppingAtTheFirstBreakReportsWhatAuditChainVerifyReports() {
        List<List<EventEnvelope>> broken = new ArrayList<>();
        for (int at = 0; at < 5; at++) {
            List<EventEnvelope> altered = log(5);
            altered.set(at, withData(altered.get(at), "mallory"));
            broken.add(altered);
            List<EventEnvelope> resealed = log(5);
            resealed.set(at, resealedWithoutTheKey(resealed.get(at)));
            broken.add(resealed);
        }
        List<EventEnvelope> gap = log(5);
        gap.remove(3);
        broken.add(gap);

        for (List<EventEnvelope> log : broken) {
            List<DecodedRecord> records = decoded(log);
            AuditChain.Verification reference = AuditChain.verify(records, trusted);
            RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);

            RunVerifier.Result result = verifier.verifyUntilFirstBreak(records);

            assertThat(result.breaks()).containsExactly(reference.firstBreak().orElseThrow());
            assertThat(result.accepted()).isEqualTo(records.subList(0, (int) reference.verifiedRecords()));
            assertThat(verifier.head()).isEqualTo(reference.head());
        }
    }

    @Test
    void stoppingAtTheFirstBreakAcceptsAnIntactLogWhole() {
        List<DecodedRecord> records = decoded(log(300));

        RunVerifier.Result result = new RunVerifier(trusted, ChainHead.GENESIS).verifyUntilFirstBreak(records);

        assertThat(result.accepted()).isEqualTo(records);
        assertThat(result.firstBreak()).isEmpty();
    }

    @Test
    void aLongRunGetsTheSameVerdictsAsOneRecordAtATime() {
        List<EventEnvelope> log = log(300);
        log.set(150, withData(log.get(150), "mallory"));
        log.set(299, resealedWithoutTheKey(log.get(299)));
        List<DecodedRecord> records = decoded(log);

        RunVerifier.Result result = new RunVerifier(trusted, ChainHead.GENESIS).verify(records);

        assertThat(result).isEqualTo(chainVerifier(records, ChainHead.GENESIS));
        assertThat(result.accepted()).hasSize(150);
        assertThat(result.firstBreak()).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(150L, ChainBreak.Reason.HASH_MISMATCH);
    }

    @Test
    void aLongTailResealedWithoutTheKeyIsFoundByABinarySearchOfItsSignatures() {
        List<EventEnvelope> log = log(1000);
        ChainHead head = log.get(699).head();
        for (int i = 700; i < 1000; i++) {
            // every hash recomputed and chained, as anyone with write access can; no record re-signed
            EventEnvelope content = withData(log.get(i), "mallory");
            EventEnvelope relinked = new EventEnvelope(content.schemaVersion(), content.seq(), content.eventId(),
                    content.type(), content.tokenId(), content.occurredAt(), content.actor(), content.data(),
                    head.hash(), null, null, null);
            String hash = AuditChain.hashOf(relinked);
            log.set(i, new EventEnvelope(content.schemaVersion(), content.seq(), content.eventId(), content.type(),
                    content.tokenId(), content.occurredAt(), content.actor(), content.data(), head.hash(), hash,
                    signer.keyId(), log.get(i).signature()));
            head = new ChainHead(content.seq(), hash);
        }
        List<DecodedRecord> records = decoded(log);
        RunVerifier verifier = new RunVerifier(trusted, ChainHead.GENESIS);

        long before = CountingEd25519.verifications();
        RunVerifier.Result result = CountingEd25519.during(() -> verifier.verifyUntilFirstBreak(records));
        long checked = CountingEd25519.verifications() - before;

        AuditChain.Verification reference = AuditChain.verify(records, trusted);
        assertThat(result.firstBreak()).isEqualTo(reference.firstBreak());
        assertThat(result.firstBreak()).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(700L, ChainBreak.Reason.BAD_SIGNATURE);
        assertThat(result.accepted()).isEqualTo(records.subList(0, 700));
        assertThat(verifier.head()).isEqualTo(reference.head());
        // the last signature, a binary search over the 1,000-record run (10) and ChainVerifier on the first bad one
        assertThat(checked).isLessThanOrEqualTo(12);
        assertThat(new RunVerifier(trusted, ChainHead.GENESIS).verify(records))
                .isEqualTo(chainVerifier(records, ChainHead.GENESIS));
    }

    @Test
    void aRecordOfOneKeyIsNeverVouchedForByAnotherKeysSignature() {
        EventSigner second = new EventSigner(Ed25519Keys.generate());
        TrustedKeys both = TrustedKeys.of(signer.trustedKeys().publicKey(signer.keyId()).orElseThrow(),
                second.trustedKeys().publicKey(second.keyId()).orElseThrow());
        List<EventEnvelope> log = new ArrayList<>();
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < 6; i++) {
            EventEnvelope sealed = new AuditChain(i < 3 ? signer : second).seal(head, issued("t-" + i),
                    UUID.randomUUID().toString());
            log.add(sealed);
            head = sealed.head();
        }
        // the last record signed by the first key carries a signature that is not its own
        log.set(2, withSignature(log.get(2), signer.sign("0".repeat(64))));
        List<DecodedRecord> records = decoded(log);

        RunVerifier.Result result = new RunVerifier(both, ChainHead.GENESIS).verify(records);

        assertThat(result).isEqualTo(accept(new ChainVerifier(both, ChainHead.GENESIS), records));
        assertThat(result.firstBreak()).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(2L, ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void nothingToVerifyLeavesTheHeadWhereItWas() {
        ChainHead start = log(1).get(0).head();
        RunVerifier verifier = new RunVerifier(trusted, start);

        assertThat(verifier.verify(List.of())).isEqualTo(new RunVerifier.Result(List.of(), List.of()));
        assertThat(verifier.head()).isEqualTo(start);
    }

    /** Runs {@code records} through a run verifier and ChainVerifier. */
    private RunVerifier.Result sameAsChainVerifier(List<DecodedRecord> records) {
        RunVerifier.Result result = new RunVerifier(trusted, ChainHead.GENESIS).verify(records);
        assertThat(result).isEqualTo(chainVerifier(records, ChainHead.GENESIS));
        return result;
    }

    private RunVerifier.Result chainVerifier(List<DecodedRecord> records, ChainHead start) {
        return accept(new ChainVerifier(trusted, start), records);
    }

    private static RunVerifier.Result accept(ChainVerifier verifier, List<DecodedRecord> records) {
        List<DecodedRecord> accepted = new ArrayList<>();
        List<ChainBreak> breaks = new ArrayList<>();
        for (DecodedRecord record : records) {
            Optional<ChainBreak> failure = verifier.accept(record);
            failure.ifPresentOrElse(breaks::add, () -> accepted.add(record));
        }
        return new RunVerifier.Result(accepted, breaks);
    }

    private static List<Long> offsets(List<DecodedRecord> records) {
        return records.stream().map(DecodedRecord::offset).toList();
    }

    private static List<Tuple> breaks(RunVerifier.Result result) {
        return result.breaks().stream().map(b -> tuple(b.offset(), b.reason())).toList();
    }

    private List<EventEnvelope> log(int events) {
        List<EventEnvelope> log = new ArrayList<>();
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < events; i++) {
            EventEnvelope sealed = chain.seal(head, issued("t-" + i), UUID.randomUUID().toString());
            log.add(sealed);
            head = sealed.head();
        }
        return log;
    }

    /** New content under the old hash and signature. */
    private static EventEnvelope withData(EventEnvelope e, String consumer) {
        ObjectNode data = ((ObjectNode) e.data()).deepCopy().put("consumer", consumer);
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), data, e.prevHash(), e.hash(), e.keyId(), e.signature());
    }

    /** New content with its hash recomputed, as anyone can; the signature stays the old one. */
    private static EventEnvelope resealedWithoutTheKey(EventEnvelope e) {
        EventEnvelope altered = withData(e, "mallory");
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), altered.data(), e.prevHash(), AuditChain.hashOf(altered), e.keyId(), e.signature());
    }

    private static EventEnvelope withSignature(EventEnvelope e, String signature) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), e.hash(), e.keyId(), signature);
    }

    private static EventEnvelope withKeyId(EventEnvelope e, String keyId) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), e.hash(), keyId, e.signature());
    }

    private static TokenIssued issued(String tokenId) {
        return new TokenIssued(tokenId, "grafana-prod", "a".repeat(64), "cqm_aaaa…aaaa", null, "alice",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Through the real bytes, as a reader sees them; the offset is the position in the list. */
    private static List<DecodedRecord> decoded(List<EventEnvelope> log) {
        return IntStream.range(0, log.size()).mapToObj(i -> decode(i, log.get(i))).toList();
    }

    private static DecodedRecord decode(long offset, EventEnvelope envelope) {
        return EventCodec.decode(offset, EventCodec.encode(envelope));
    }
}
