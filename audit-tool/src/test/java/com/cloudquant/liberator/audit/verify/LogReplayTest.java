package com.cloudquant.liberator.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.audit.testing.Forgery;
import com.cloudquant.liberator.audit.testing.ListRecordBatches;
import com.cloudquant.liberator.audit.testing.TestLog;
import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainBreak.Reason;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.Ed25519Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private TestLog log;

    @BeforeEach
    void tenEvents() {
        log = new TestLog();
        for (int i = 0; i < 5; i++) {
            String token = log.issue("grafana-" + i, "alice", T0.plusSeconds(i * 60L), null);
            log.revoke(token, "bob", T0.plusSeconds(i * 60L + 30), "rotated");
        }
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void cleanLogVerifiesEveryRecordInOrder(int batchSize) {
        List<Long> seen = new ArrayList<>();
        ReplayOutcome outcome = replay(log.values(), batchSize, record -> seen.add(record.offset()));

        assertThat(outcome.intact()).isTrue();
        assertThat(outcome.verifiedRecords()).isEqualTo(10);
        assertThat(outcome.head().seq()).isEqualTo(10);
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void emptyLogIsIntact() {
        ReplayOutcome outcome = replay(List.of(), 10, record -> { });

        assertThat(outcome.intact()).isTrue();
        assertThat(outcome.verifiedRecords()).isZero();
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void alteredDataKeepingTheOldHashIsAHashMismatchAtItsOffset(int batchSize) {
        log.values().set(4, Forgery.alteredKeepingHash(log.values().get(4), "consumer", "attacker"));

        assertBreak(replay(log.values(), batchSize, r -> { }), 4, Reason.HASH_MISMATCH);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void recomputedHashWithoutTheKeyIsABadSignature(int batchSize) {
        log.values().set(6, Forgery.alteredWithRecomputedHash(log.values().get(6), "consumer", "attacker"));

        assertBreak(replay(log.values(), batchSize, r -> { }), 6, Reason.BAD_SIGNATURE);
    }

    @Test
    void recordSignedByAnUntrustedKeyIsAnUnknownKey() {
        EventSigner stranger = new EventSigner(Ed25519Keys.generate());
        log.values().set(2, Forgery.alteredAndSignedBy(stranger, log.values().get(2), "consumer", "attacker"));

        assertBreak(replay(log.values(), 3, r -> { }), 2, Reason.UNKNOWN_KEY);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void deletedEventIsASeqGapAtTheRecordAfterIt(int batchSize) {
        log.values().remove(3);

        assertBreak(replay(log.values(), batchSize, r -> { }), 3, Reason.SEQ_GAP);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void duplicatedEventIsASeqRepeatAtTheCopy(int batchSize) {
        log.values().add(6, log.values().get(5));

        assertBreak(replay(log.values(), batchSize, r -> { }), 6, Reason.SEQ_REPEATED);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void truncatedJsonIsMalformedAtItsOffset(int batchSize) {
        log.values().set(7, Forgery.truncated(log.values().get(7)));

        assertBreak(replay(log.values(), batchSize, r -> { }), 7, Reason.MALFORMED);
    }

    @Test
    void unknownEventTypeIsPassedOnButStillChainChecked() {
        log.unknownType("TokenRenamed", "t-1", "carol", T0.plusSeconds(3600));
        log.issue("grafana-late", "alice", T0.plusSeconds(3700), null);
        List<DecodedRecord> seen = new ArrayList<>();

        ReplayOutcome outcome = replay(log.values(), 4, seen::add);

        assertThat(outcome.intact()).isTrue();
        assertThat(seen.get(10)).isInstanceOf(DecodedRecord.UnknownEvent.class);
        assertThat(outcome.verifiedRecords()).isEqualTo(12);
    }

    @Test
    void unknownEventTypeWithAlteredContentBreaksTheChain() {
        log.unknownType("TokenRenamed", "t-1", "carol", T0.plusSeconds(3600));
        log.values().set(10, Forgery.alteredKeepingHash(log.values().get(10), "label", "forged"));

        assertBreak(replay(log.values(), 4, r -> { }), 10, Reason.HASH_MISMATCH);
    }

    @Test
    void recordsAfterABreakAreNotPassedOn() {
        log.values().remove(3);
        List<Long> seen = new ArrayList<>();

        replay(log.values(), 2, record -> seen.add(record.offset()));

        assertThat(seen).containsExactly(0L, 1L, 2L);
    }

    @Test
    void verdictIsTheSequentialOneWhateverIsDeletedOrRepeatedAndHowTheLogIsBatched() {
        for (int position = 0; position < 10; position++) {
            List<byte[]> deleted = new ArrayList<>(log.values());
            deleted.remove(position);
            List<byte[]> repeated = new ArrayList<>(log.values());
            repeated.add(position, log.values().get(position));
            for (List<byte[]> forged : List.of(deleted, repeated)) {
                AuditChain.Verification sequential = AuditChain.verify(decoded(forged), log.trustedKeys());
                for (int batchSize : new int[] {1, 2, 3, 4, 7}) {
                    ReplayOutcome outcome = replay(forged, batchSize, r -> { });
                    assertThat(outcome.firstBreak()).isEqualTo(sequential.firstBreak());
                    assertThat(outcome.verifiedRecords()).isEqualTo(sequential.verifiedRecords());
                    assertThat(outcome.head()).isEqualTo(sequential.head());
                }
            }
        }
    }

    @Test
    void batchesVerifiedInParallelFollowARotationAndReportTheRetiredKeyAsTheSequentialVerifierDoes() {
        var retired = log.rotate("carol", Instant.parse("2026-05-01T00:00:00Z"));
        for (int i = 0; i < 6; i++) {
            log.issue("after-" + i, "alice", Instant.parse("2026-05-02T00:00:00Z"), null);
        }
        int intactLength = log.values().size();
        log.appendSignedBy(retired, new TokenRevoked("any", "mallory", Instant.parse("2026-05-03T00:00:00Z"), ""));
        for (List<byte[]> values : List.of(log.values().subList(0, intactLength), log.values())) {
            AuditChain.Verification sequential = AuditChain.verify(decoded(values), log.trustedKeys());
            for (int batchSize : new int[] {1, 2, 3, 5, 8}) {
                ReplayOutcome outcome = replay(values, batchSize, r -> { });
                assertThat(outcome.firstBreak()).isEqualTo(sequential.firstBreak());
                assertThat(outcome.verifiedRecords()).isEqualTo(sequential.verifiedRecords()).isEqualTo(intactLength);
                assertThat(outcome.head()).isEqualTo(sequential.head());
            }
        }
        assertThat(AuditChain.verify(decoded(log.values()), log.trustedKeys()).firstBreak())
                .get().extracting(ChainBreak::reason).isEqualTo(Reason.RETIRED_KEY);
    }

    private ReplayOutcome replay(List<byte[]> values, int batchSize, java.util.function.Consumer<DecodedRecord> sink) {
        return new LogReplay(log.trustedKeys(), 2, Signatures.EVERY_RECORD).run(new ListRecordBatches(values, batchSize), sink::accept);
    }

    private static List<DecodedRecord> decoded(List<byte[]> values) {
        List<DecodedRecord> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            records.add(EventCodec.decode(i, values.get(i)));
        }
        return records;
    }

    private static void assertBreak(ReplayOutcome outcome, long offset, Reason reason) {
        assertThat(outcome.intact()).isFalse();
        ChainBreak firstBreak = outcome.firstBreak().orElseThrow();
        assertThat(firstBreak.offset()).as(firstBreak.describe()).isEqualTo(offset);
        assertThat(firstBreak.reason()).as(firstBreak.describe()).isEqualTo(reason);
        assertThat(outcome.verifiedRecords()).isEqualTo(offset);
    }
}
