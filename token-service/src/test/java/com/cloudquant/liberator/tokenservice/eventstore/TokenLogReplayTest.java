package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the start-up replay and every catch-up do with a batch: every hash, one signature per
 * run (token-log's follower), an unauthenticated record skipped without moving the chain, a
 * record signed with our key that does not link halting for good and naming its offset.
 */
class TokenLogReplayTest {

    private final EventSigner signer = new EventSigner(Ed25519Keys.generate());
    private final EventSigner forger = new EventSigner(Ed25519Keys.generate());
    private final TokenIndex index = new TokenIndex(new TokenTable());
    private final TokenLogReplay replay = new TokenLogReplay(signer.trustedKeys(), index, new AuditedSkips(java.util.Set.of()));

    private static TokenIssued issued(String tokenId) {
        return new TokenIssued(tokenId, "grafana-prod", "a".repeat(64), "cqm_0000…0000", null, "alice", Instant.EPOCH);
    }

    /** Token {@code t<i>} issued at seq i+1, offset i. */
    private List<EventEnvelope> log(int events) {
        List<EventEnvelope> log = new ArrayList<>();
        AuditChain chain = new AuditChain(signer);
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < events; i++) {
            EventEnvelope envelope = chain.seal(head, issued("t" + i), "e" + i);
            log.add(envelope);
            head = envelope.head();
        }
        return log;
    }

    private static List<DecodedRecord> decoded(List<EventEnvelope> log) {
        List<DecodedRecord> records = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            records.add(EventCodec.decode(i, EventCodec.encode(log.get(i))));
        }
        return records;
    }

    private static EventEnvelope withActor(EventEnvelope e, String actor) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                actor, e.data(), e.prevHash(), e.hash(), e.keyId(), e.signature());
    }

    private static EventEnvelope withSignature(EventEnvelope e, String signature) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), e.hash(), e.keyId(), signature);
    }

    private void assertApplied(String... tokenIds) {
        for (String tokenId : tokenIds) {
            assertThat(index.aggregateEvents(tokenId)).as("events of %s", tokenId).isEqualTo(1);
        }
    }

    private void assertNotApplied(String... tokenIds) {
        for (String tokenId : tokenIds) {
            assertThat(index.aggregateEvents(tokenId)).as("events of %s", tokenId).isZero();
        }
    }

    @Test
    void anUntouchedLogIsAppliedWhole() {
        List<EventEnvelope> log = log(5);

        assertThat(replay.apply(decoded(log))).isEmpty();

        assertApplied("t0", "t1", "t2", "t3", "t4");
        assertThat(index.head()).isEqualTo(log.get(4).head());
        assertThat(index.offsetOfSeq(5)).isEqualTo(4);
    }

    @Test
    void onlyTheLastRecordsSignatureIsChecked() {
        List<EventEnvelope> log = log(5);
        for (int i = 0; i < 4; i++) {
            log.set(i, withSignature(log.get(i), signer.sign("0".repeat(64))));
        }

        assertThat(replay.apply(decoded(log))).isEmpty();

        assertApplied("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void theChainGoesOnAcrossBatchesAndAfterTheServicesOwnWrite() {
        List<DecodedRecord> records = decoded(log(5));

        assertThat(replay.apply(records.subList(0, 2))).isEmpty();
        // the service wrote record 2 itself: the index holds it, and the reader passes it over
        DecodedRecord.KnownEvent own = (DecodedRecord.KnownEvent) records.get(2);
        index.add(own.envelope(), own.event(), own.offset());
        replay.continueAfterOwnWrite(replay.keys());

        assertThat(replay.apply(records.subList(3, 5))).isEmpty();
        assertApplied("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void alteredContentIsSkippedAndTheChainStaysWhereItWas() {
        List<EventEnvelope> log = log(3);
        log.set(2, withActor(log.get(2), "mallory"));

        assertThat(replay.apply(decoded(log))).isEmpty();

        assertApplied("t0", "t1");
        assertNotApplied("t2");
        assertThat(index.head()).isEqualTo(log.get(1).head());
        // the genuine record 3 is still the next link
        EventEnvelope genuine = new AuditChain(signer).seal(log.get(1).head(), issued("t2-genuine"), "e2g");
        assertThat(replay.apply(List.of(EventCodec.decode(3, EventCodec.encode(genuine))))).isEmpty();
        assertApplied("t2-genuine");
    }

    @Test
    void aSignedRecordAfterASkippedOneNoLongerLinksAndHaltsNamingItsOffset() {
        List<EventEnvelope> log = log(6);
        log.set(4, withActor(log.get(4), "mallory"));
        List<DecodedRecord> records = decoded(log);

        assertThat(replay.apply(records.subList(0, 3))).isEmpty();
        Optional<ChainHalt> halt = replay.apply(records.subList(3, 6));

        assertThat(halt).hasValueSatisfying(stopped -> {
            assertThat(stopped.offset()).isEqualTo(5);
            assertThat(stopped.kind()).isEqualTo(ChainHalt.Kind.DOES_NOT_LINK);
            assertThat(stopped.detail()).startsWith("SEQ_GAP: expected seq 5, found 6");
            assertThat(stopped.describe()).contains("offset 5");
        });
        assertApplied("t0", "t1", "t2", "t3");
        assertNotApplied("t4", "t5");
    }

    @Test
    void aRewrittenTailWithoutTheSigningKeyIsSkippedRecordByRecord() {
        List<EventEnvelope> log = log(5);
        EventEnvelope before = log.get(2);
        // a forger re-seals records 3..5 with hashes that chain, but cannot sign with our key id
        AuditChain forged = new AuditChain(forger);
        ChainHead head = new ChainHead(before.seq() - 1, before.prevHash());
        for (int i = 2; i < 5; i++) {
            EventEnvelope fake = forged.seal(head, issued("forged" + i), "f" + i);
            EventEnvelope relabelled = new EventEnvelope(fake.schemaVersion(), fake.seq(), fake.eventId(), fake.type(),
                    fake.tokenId(), fake.occurredAt(), fake.actor(), fake.data(), fake.prevHash(), fake.hash(),
                    signer.keyId(), fake.signature());
            log.set(i, relabelled);
            head = fake.head();
        }

        assertThat(replay.apply(decoded(log))).isEmpty();

        assertApplied("t0", "t1");
        assertNotApplied("forged2", "forged3", "forged4");
        assertThat(index.head()).isEqualTo(log.get(1).head());
    }

    @Test
    void aRecordThatIsNoEnvelopeIsSkipped() {
        List<EventEnvelope> log = log(2);
        List<DecodedRecord> records = new ArrayList<>();
        records.add(EventCodec.decode(0, EventCodec.encode(log.get(0))));
        records.add(EventCodec.decode(1, "not json".getBytes(StandardCharsets.UTF_8)));
        records.add(EventCodec.decode(2, EventCodec.encode(log.get(1))));

        assertThat(replay.apply(records)).isEmpty();

        assertApplied("t0", "t1");
    }

    @Test
    void aMissingRecordHaltsForGoodNamingItsOffset() {
        List<EventEnvelope> log = log(4);
        log.remove(1);
        List<DecodedRecord> records = decoded(log);

        Optional<ChainHalt> halt = replay.apply(records);

        assertThat(halt).hasValueSatisfying(stopped -> {
            assertThat(stopped.offset()).isEqualTo(1);
            assertThat(stopped.detail()).isEqualTo("SEQ_GAP: expected seq 2, found 3: 1 event(s) missing");
        });
        assertApplied("t0");
        assertNotApplied("t2", "t3");
        // nothing is applied after a halt, not even records that would link
        assertThat(replay.apply(decoded(log(2)).subList(1, 2))).isEqualTo(halt);
        assertNotApplied("t1");
        assertThat(replay.halt()).isEqualTo(halt);
    }

    @Test
    void aRepeatedSignedRecordIsAForkAndHalts() {
        List<EventEnvelope> log = log(3);
        List<DecodedRecord> records = new ArrayList<>(decoded(log));
        records.add(EventCodec.decode(3, EventCodec.encode(log.get(1))));

        Optional<ChainHalt> halt = replay.apply(records);

        assertThat(halt).hasValueSatisfying(stopped -> {
            assertThat(stopped.offset()).isEqualTo(3);
            assertThat(stopped.detail()).startsWith("SEQ_REPEATED");
        });
    }
}
