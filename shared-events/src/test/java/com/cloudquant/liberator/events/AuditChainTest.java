package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private final EventSigner signer = new EventSigner(Ed25519Keys.generate());
    private final AuditChain chain = new AuditChain(signer);
    private final TrustedKeys trusted = signer.trustedKeys();

    @Test
    void aCleanLogVerifies() {
        List<EventEnvelope> log = log(5);

        AuditChain.Verification result = AuditChain.verify(decoded(log), trusted);

        assertThat(result.intact()).isTrue();
        assertThat(result.verifiedRecords()).isEqualTo(5);
        assertThat(result.head()).isEqualTo(log.get(4).head());
        assertThat(log.get(0).prevHash()).isEqualTo(ChainHead.GENESIS.hash());
        assertThat(log.get(1).prevHash()).isEqualTo(log.get(0).hash());
    }

    @Test
    void alteredDataKeepingTheOldHashIsAHashMismatch() {
        List<EventEnvelope> log = log(3);
        EventEnvelope original = log.get(1);
        ObjectNode data = ((ObjectNode) original.data()).deepCopy().put("consumer", "attacker");
        log.set(1, copy(original, original.seq(), data, original.prevHash(), original.hash(), original.signature()));

        assertBreak(log, 1, ChainBreak.Reason.HASH_MISMATCH);
    }

    @Test
    void aRecomputedHashWithoutTheKeyIsABadSignature() {
        List<EventEnvelope> log = log(3);
        EventEnvelope original = log.get(1);
        ObjectNode data = ((ObjectNode) original.data()).deepCopy().put("consumer", "attacker");
        EventEnvelope forged = copy(original, original.seq(), data, original.prevHash(), "", original.signature());
        log.set(1, copy(forged, forged.seq(), data, forged.prevHash(), AuditChain.hashOf(forged), forged.signature()));

        assertBreak(log, 1, ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void aRecordSignedByAnotherKeyIsUnknownKey() {
        AuditChain rogue = new AuditChain(new EventSigner(Ed25519Keys.generate()));
        List<EventEnvelope> log = log(2);
        log.add(rogue.seal(log.get(1).head(), issued("t-rogue"), UUID.randomUUID().toString()));

        assertBreak(log, 2, ChainBreak.Reason.UNKNOWN_KEY);
    }

    @Test
    void aDeletedEventIsASeqGap() {
        List<EventEnvelope> log = log(4);
        log.remove(2);

        assertBreak(log, 2, ChainBreak.Reason.SEQ_GAP);
    }

    @Test
    void aDuplicatedEventIsASeqRepeat() {
        List<EventEnvelope> log = log(3);
        log.add(log.get(1));

        assertBreak(log, 3, ChainBreak.Reason.SEQ_REPEATED);
    }

    @Test
    void aSignedEventLinkedToTheWrongPredecessorIsAPrevHashMismatch() {
        List<EventEnvelope> log = log(2);
        // The key holder sealing onto a stale head with a made-up seq: signature fine, link wrong.
        log.add(chain.seal(new ChainHead(2, log.get(0).hash()), issued("t-x"), UUID.randomUUID().toString()));

        assertBreak(log, 2, ChainBreak.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void anUnknownSchemaVersionIsRefused() {
        List<EventEnvelope> log = log(1);
        EventEnvelope e = log.get(0);
        log.set(0, new EventEnvelope(2, e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(), e.actor(),
                e.data(), e.prevHash(), e.hash(), e.keyId(), e.signature()));

        assertBreak(log, 0, ChainBreak.Reason.UNKNOWN_SCHEMA_VERSION);
    }

    @Test
    void aForgedRecordIsSkippedWithoutPoisoningTheRecordsAfterIt() {
        List<EventEnvelope> log = log(2);
        AuditChain rogue = new AuditChain(new EventSigner(Ed25519Keys.generate()));
        EventEnvelope forged = rogue.seal(log.get(1).head(), issued("t-rogue"), UUID.randomUUID().toString());
        EventEnvelope legit = chain.seal(log.get(1).head(), issued("t-3"), UUID.randomUUID().toString());
        ChainVerifier verifier = new ChainVerifier(trusted);

        List<Optional<ChainBreak>> results = new ArrayList<>();
        List<EventEnvelope> stream = List.of(log.get(0), log.get(1), forged, legit);
        for (int i = 0; i < stream.size(); i++) {
            results.add(verifier.accept(decode(i, stream.get(i))));
        }

        assertThat(results.get(2)).map(ChainBreak::reason).contains(ChainBreak.Reason.UNKNOWN_KEY);
        assertThat(results.get(3)).isEmpty();
        assertThat(verifier.head()).isEqualTo(legit.head());
    }

    @Test
    void unknownEventTypesAreStillChainChecked() {
        List<EventEnvelope> log = log(1);
        EventEnvelope unknown = sealRaw(log.get(0).head(), "TokenRenamed");
        log.add(unknown);
        log.addAll(List.of(chain.seal(unknown.head(), issued("t-after"), UUID.randomUUID().toString())));

        List<DecodedRecord> decoded = decoded(log);
        assertThat(decoded.get(1)).isInstanceOf(DecodedRecord.UnknownEvent.class);
        assertThat(AuditChain.verify(decoded, trusted).intact()).isTrue();

        ObjectNode tampered = ((ObjectNode) unknown.data()).deepCopy().put("name", "other");
        log.set(1, copy(unknown, unknown.seq(), tampered, unknown.prevHash(), unknown.hash(), unknown.signature()));
        assertBreak(log, 1, ChainBreak.Reason.HASH_MISMATCH);
    }

    @Test
    void aTruncatedValueIsMalformedAtItsOffset() {
        List<EventEnvelope> log = log(2);
        List<DecodedRecord> decoded = new ArrayList<>(decoded(log));
        byte[] bytes = EventCodec.encode(log.get(1));
        decoded.set(1, EventCodec.decode(1, java.util.Arrays.copyOf(bytes, bytes.length / 2)));

        AuditChain.Verification result = AuditChain.verify(decoded, trusted);

        assertThat(result.firstBreak()).get().extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(1L, ChainBreak.Reason.MALFORMED);
    }

    private void assertBreak(List<EventEnvelope> log, long offset, ChainBreak.Reason reason) {
        AuditChain.Verification result = AuditChain.verify(decoded(log), trusted);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBreak()).get()
                .extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(offset, reason);
        assertThat(result.verifiedRecords()).isEqualTo(offset);
    }

    private List<EventEnvelope> log(int events) {
        List<EventEnvelope> log = new ArrayList<>();
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < events; i++) {
            TokenEvent event = i % 2 == 0 ? issued("t-" + i)
                    : new TokenRevoked("t-" + (i - 1), "bob", Instant.parse("2026-02-01T00:00:00Z"), "rotated");
            EventEnvelope sealed = chain.seal(head, event, UUID.randomUUID().toString());
            log.add(sealed);
            head = sealed.head();
        }
        return log;
    }

    private EventEnvelope sealRaw(ChainHead head, String type) {
        ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "x");
        EventEnvelope unsigned = new EventEnvelope(1, head.seq() + 1, UUID.randomUUID().toString(), type, "t-u",
                Instant.parse("2026-03-01T00:00:00Z"), "carol", data, head.hash(), null, null, null);
        String hash = AuditChain.hashOf(unsigned);
        return copy(unsigned, unsigned.seq(), data, unsigned.prevHash(), hash, signer.sign(hash));
    }

    private EventEnvelope copy(EventEnvelope e, long seq, com.fasterxml.jackson.databind.JsonNode data,
                               String prevHash, String hash, String signature) {
        return new EventEnvelope(e.schemaVersion(), seq, e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), data, prevHash, hash, e.keyId() == null ? signer.keyId() : e.keyId(), signature);
    }

    private static TokenIssued issued(String tokenId) {
        return new TokenIssued(tokenId, "grafana-prod", "a".repeat(64), "cqm_aaaa…aaaa", null, "alice",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Every envelope goes through the real bytes, as a reader would see it. */
    private static List<DecodedRecord> decoded(List<EventEnvelope> log) {
        List<DecodedRecord> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            out.add(decode(i, log.get(i)));
        }
        return out;
    }

    private static DecodedRecord decode(long offset, EventEnvelope envelope) {
        byte[] bytes = EventCodec.encode(envelope);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(" ");
        return EventCodec.decode(offset, bytes);
    }
}
