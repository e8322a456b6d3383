package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadSignedChainCheckTest {

    private final EventSigner signer = new EventSigner(Ed25519Keys.generate());
    private final EventSigner forger = new EventSigner(Ed25519Keys.generate());

    private List<byte[]> log(int events) {
        List<byte[]> values = new ArrayList<>();
        AuditChain chain = new AuditChain(signer);
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < events; i++) {
            EventEnvelope envelope = chain.seal(head, new TokenRevoked("t" + i, "alice", Instant.EPOCH, ""), "e" + i);
            values.add(EventCodec.encode(envelope));
            head = envelope.head();
        }
        return values;
    }

    private Optional<ChainBreak> check(List<byte[]> values) {
        HeadSignedChainCheck check = new HeadSignedChainCheck(signer.trustedKeys(), ChainHead.GENESIS);
        for (int i = 0; i < values.size(); i++) {
            Optional<ChainBreak> broken = check.accept(EventCodec.decode(i, values.get(i)));
            if (broken.isPresent()) {
                return broken;
            }
        }
        return check.finish();
    }

    @Test
    void anUntouchedLogPasses() {
        assertThat(check(log(5))).isEmpty();
    }

    @Test
    void alteredContentIsCaughtAtTheAlteredRecord() {
        List<byte[]> values = log(5);
        values.set(2, new String(values.get(2)).replace("alice", "mallory").getBytes());

        assertThat(check(values)).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(2L, ChainBreak.Reason.HASH_MISMATCH);
    }

    @Test
    void aRewrittenTailWithoutTheSigningKeyFailsAtTheHeadSignature() {
        List<byte[]> values = log(5);
        DecodedRecord third = EventCodec.decode(2, values.get(2));
        EventEnvelope before = third.wellFormedEnvelope().orElseThrow();
        // a forger re-seals records 3..5 with hashes that chain, but cannot sign with our key id
        AuditChain forged = new AuditChain(forger);
        ChainHead head = new ChainHead(before.seq() - 1, before.prevHash());
        for (int i = 2; i < 5; i++) {
            EventEnvelope fake = forged.seal(head, new TokenRevoked("t" + i, "mallory", Instant.EPOCH, ""), "f" + i);
            EventEnvelope relabelled = new EventEnvelope(fake.schemaVersion(), fake.seq(), fake.eventId(), fake.type(),
                    fake.tokenId(), fake.occurredAt(), fake.actor(), fake.data(), fake.prevHash(), fake.hash(),
                    signer.keyId(), fake.signature());
            values.set(i, EventCodec.encode(relabelled));
            head = fake.head();
        }

        assertThat(check(values)).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(4L, ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void aMissingRecordIsASequenceGap() {
        List<byte[]> values = log(4);
        values.remove(1);

        assertThat(check(values)).get().extracting(ChainBreak::reason).isEqualTo(ChainBreak.Reason.SEQ_GAP);
    }
}
