package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up check of each poll batch: every hash, one signature, and the first break names its record. */
class TokenLogReplayTest {

    private static final String TOPIC = "tokens";

    private final EventSigner signer = new EventSigner(Ed25519Keys.generate());
    private final EventSigner forger = new EventSigner(Ed25519Keys.generate());

    private List<EventEnvelope> log(int events) {
        List<EventEnvelope> log = new ArrayList<>();
        AuditChain chain = new AuditChain(signer);
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < events; i++) {
            EventEnvelope envelope = chain.seal(head, new TokenRevoked("t" + i, "alice", Instant.EPOCH, ""), "e" + i);
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

    private List<DecodedRecord> verified(List<DecodedRecord> records) {
        return TokenLogReplay.verified(new RunVerifier(signer.trustedKeys(), ChainHead.GENESIS), records, TOPIC);
    }

    private static EventEnvelope withActor(EventEnvelope e, String actor) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                actor, e.data(), e.prevHash(), e.hash(), e.keyId(), e.signature());
    }

    private static EventEnvelope withSignature(EventEnvelope e, String signature) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), e.hash(), e.keyId(), signature);
    }

    @Test
    void anUntouchedLogPassesWhole() {
        List<DecodedRecord> records = decoded(log(5));

        assertThat(verified(records)).isEqualTo(records);
    }

    @Test
    void onlyTheLastRecordsSignatureIsChecked() {
        List<EventEnvelope> log = log(5);
        for (int i = 0; i < 4; i++) {
            log.set(i, withSignature(log.get(i), signer.sign("0".repeat(64))));
        }
        List<DecodedRecord> records = decoded(log);

        assertThat(verified(records)).isEqualTo(records);
    }

    @Test
    void aReplayAfterAnUnconfirmedWriteContinuesFromTheIndexedHead() {
        List<EventEnvelope> log = log(5);
        List<DecodedRecord> unconfirmed = decoded(log).subList(3, 5);

        RunVerifier fromIndexedHead = new RunVerifier(signer.trustedKeys(), log.get(2).head());

        assertThat(TokenLogReplay.verified(fromIndexedHead, unconfirmed, TOPIC)).isEqualTo(unconfirmed);
    }

    @Test
    void theChainGoesOnAcrossPollBatchesAndABreakInALaterBatchIsNamed() {
        List<EventEnvelope> log = log(6);
        log.set(4, withActor(log.get(4), "mallory"));
        List<DecodedRecord> records = decoded(log);
        RunVerifier verifier = new RunVerifier(signer.trustedKeys(), ChainHead.GENESIS);

        assertThat(TokenLogReplay.verified(verifier, records.subList(0, 3), TOPIC)).isEqualTo(records.subList(0, 3));
        assertThatThrownBy(() -> TokenLogReplay.verified(verifier, records.subList(3, 6), TOPIC))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageStartingWith("the audit log in topic tokens is broken at offset 4: HASH_MISMATCH");
    }

    @Test
    void alteredContentIsCaughtAtTheAlteredRecord() {
        List<EventEnvelope> log = log(5);
        log.set(2, withActor(log.get(2), "mallory"));

        assertThatThrownBy(() -> verified(decoded(log)))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageStartingWith("the audit log in topic tokens is broken at offset 2: HASH_MISMATCH")
                .hasMessageContaining("refusing to start");
    }

    @Test
    void aRewrittenTailWithoutTheSigningKeyIsNamedFromItsFirstRecord() {
        List<EventEnvelope> log = log(5);
        EventEnvelope before = log.get(2);
        // a forger re-seals records 3..5 with hashes that chain, but cannot sign with our key id
        AuditChain forged = new AuditChain(forger);
        ChainHead head = new ChainHead(before.seq() - 1, before.prevHash());
        for (int i = 2; i < 5; i++) {
            EventEnvelope fake = forged.seal(head, new TokenRevoked("t" + i, "mallory", Instant.EPOCH, ""), "f" + i);
            EventEnvelope relabelled = new EventEnvelope(fake.schemaVersion(), fake.seq(), fake.eventId(), fake.type(),
                    fake.tokenId(), fake.occurredAt(), fake.actor(), fake.data(), fake.prevHash(), fake.hash(),
                    signer.keyId(), fake.signature());
            log.set(i, relabelled);
            head = fake.head();
        }

        // the head's signature fails, so the records are re-checked one by one: the first forged one is named,
        // as GET /api/v1/audit/verify names it
        assertThatThrownBy(() -> verified(decoded(log)))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageStartingWith("the audit log in topic tokens is broken at offset 2: BAD_SIGNATURE"
                        + " (signature does not verify with keyId " + signer.keyId() + ")");
    }

    @Test
    void aMissingRecordIsASequenceGap() {
        List<EventEnvelope> log = log(4);
        log.remove(1);

        assertThatThrownBy(() -> verified(decoded(log)))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageStartingWith("the audit log in topic tokens is broken at offset 1: SEQ_GAP"
                        + " (expected seq 2, found 3: 1 event(s) missing)");
    }
}
