package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A log that rotates its signing key: readers configured with the genesis key only learn the
 * new key from the chain, and refuse the retired key after the rotation. Every case is given to
 * both {@link ChainVerifier} and {@link RunVerifier} (in one call and record by record), which
 * must agree.
 */
class KeyRotationTest {

    private final KeyPair genesisPair = Ed25519Keys.generate();
    private final KeyPair nextPair = Ed25519Keys.generate();
    private final EventSigner genesis = new EventSigner(genesisPair);
    private final EventSigner next = new EventSigner(nextPair);
    private final TrustedKeys configured = genesis.trustedKeys();
    private final List<EventEnvelope> log = new ArrayList<>();
    private ChainHead head = ChainHead.GENESIS;

    @Test
    void aReaderConfiguredWithTheGenesisKeyLearnsTheNextKeyFromTheChain() {
        append(genesis, issue());
        append(genesis, rotation(genesis, nextPair));
        append(next, issue());
        append(next, issue());

        Verdicts verdicts = verdicts(decoded());

        assertThat(verdicts.accepted()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(verdicts.breaks()).isEmpty();
        assertThat(verdicts.keys().validKeyIdsAt(4)).containsExactly(next.keyId());
        assertThat(verdicts.keys().validKeyIdsAt(2)).containsExactly(genesis.keyId());
        assertThat(EventCodec.decode(1, EventCodec.encode(log.get(1))))
                .isInstanceOfSatisfying(DecodedRecord.KeyRotation.class, r -> {
                    assertThat(r.rotation().newKeyId()).isEqualTo(next.keyId());
                    assertThat(r.envelope().keyId()).isEqualTo(genesis.keyId());
                });
    }

    @Test
    void aRecordTheRetiredKeySignsAfterTheRotationIsRetiredKeyAndSkipped() {
        append(genesis, issue());
        append(genesis, rotation(genesis, nextPair));
        append(next, issue());
        append(genesis, issue()); // links perfectly, but its key was retired at seq 2
        EventEnvelope forged = log.get(3);

        Verdicts verdicts = verdicts(decoded());

        assertThat(verdicts.accepted()).containsExactly(0L, 1L, 2L);
        assertThat(verdicts.breaks()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(tuple(3L, ChainBreak.Reason.RETIRED_KEY));
        assertThat(verdicts.breaks().get(0).detail()).contains(genesis.keyId(), "seq 1 to 2", "seq 4", next.keyId());
        assertThat(forged.prevHash()).isEqualTo(log.get(2).hash());
    }

    @Test
    void aRunDoesNotCarryTheRetiredKeyPastTheRotation() {
        append(genesis, issue());
        append(genesis, rotation(genesis, nextPair));
        append(genesis, issue()); // right after the rotation, linking, by the retired key: would end a run that crossed it
        append(genesis, issue());

        Verdicts verdicts = verdicts(decoded());

        assertThat(verdicts.accepted()).containsExactly(0L, 1L);
        assertThat(verdicts.breaks()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(tuple(2L, ChainBreak.Reason.RETIRED_KEY), tuple(3L, ChainBreak.Reason.RETIRED_KEY));
        assertThat(verdicts.keys().validKeyIdsAt(3)).containsExactly(next.keyId());
    }

    @Test
    void theNewKeyIsNotValidBeforeItsRotation() {
        append(genesis, issue());
        EventEnvelope early = new AuditChain(next).seal(head, issue(), UUID.randomUUID().toString());
        List<DecodedRecord> records = new ArrayList<>(decoded());
        append(genesis, rotation(genesis, nextPair));
        records.add(EventCodec.decode(1, EventCodec.encode(early)));  // seq 2 by the next key: before its time
        records.add(EventCodec.decode(2, EventCodec.encode(log.get(1))));

        Verdicts verdicts = verdicts(records);

        assertThat(verdicts.accepted()).containsExactly(0L, 2L);
        // the next key is not known at all until the rotation is accepted
        assertThat(verdicts.breaks()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(tuple(1L, ChainBreak.Reason.UNKNOWN_KEY));
    }

    @Test
    void aForgedRotationCannotVouchForItselfWithTheForgersKey() {
        KeyPair forgerPair = Ed25519Keys.generate();
        EventSigner forger = new EventSigner(forgerPair);
        append(genesis, issue());
        // a rotation claiming the genesis key but signed by the forger, then a record the forger signs
        EventEnvelope rotation = new AuditChain(forger).seal(head, rotation(forger, forgerPair), UUID.randomUUID().toString());
        rotation = withKeyId(rotation, genesis.keyId());
        log.add(rotation);
        head = rotation.head();
        append(forger, issue());

        Verdicts verdicts = verdicts(decoded());

        assertThat(verdicts.accepted()).containsExactly(0L);
        assertThat(verdicts.breaks()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(tuple(1L, ChainBreak.Reason.BAD_SIGNATURE), tuple(2L, ChainBreak.Reason.UNKNOWN_KEY));
    }

    @Test
    void aRotationBackToARetiredKeyIsRefused() {
        append(genesis, rotation(genesis, nextPair));
        append(next, rotation(next, genesisPair));

        Verdicts verdicts = verdicts(decoded());

        assertThat(verdicts.accepted()).containsExactly(0L);
        assertThat(verdicts.breaks()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(tuple(1L, ChainBreak.Reason.RETIRED_KEY));
        assertThat(verdicts.keys().validKeyIdsAt(3)).containsExactly(next.keyId());
    }

    @Test
    void aVerifierResumedWithTheKeysAtItsHeadGoesOnAsOneThatReadEverything() {
        append(genesis, issue());
        append(genesis, rotation(genesis, nextPair));
        append(next, issue());
        RunVerifier first = new RunVerifier(configured, ChainHead.GENESIS);
        first.verify(decoded());
        append(next, issue());
        append(genesis, issue());

        RunVerifier resumed = new RunVerifier(first.keys(), first.head());
        RunVerifier.Result result = resumed.verify(decoded().subList(3, 5));

        assertThat(result.accepted()).extracting(DecodedRecord::offset).containsExactly(3L);
        assertThat(result.breaks()).extracting(ChainBreak::reason).containsExactly(ChainBreak.Reason.RETIRED_KEY);
    }

    @Test
    void aRotationWhoseKeyIdIsNotItsKeysOrWhoseKeyIsNoPemIsMalformed() {
        append(genesis, rotation(genesis, nextPair));
        EventEnvelope good = log.get(0);
        for (String field : List.of("newKeyId", "publicKey")) {
            com.fasterxml.jackson.databind.node.ObjectNode data = good.data().deepCopy();
            data.put(field, field.equals("newKeyId") ? genesis.keyId() : "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
            EventEnvelope bad = new EventEnvelope(good.schemaVersion(), good.seq(), good.eventId(), good.type(), good.tokenId(),
                    good.occurredAt(), good.actor(), data, good.prevHash(), good.hash(), good.keyId(), good.signature());

            DecodedRecord decoded = EventCodec.decode(0, EventCodec.encode(bad));

            assertThat(decoded).as(field).isInstanceOf(DecodedRecord.Malformed.class);
            assertThat(new ChainVerifier(configured).accept(decoded)).get().extracting(ChainBreak::reason)
                    .isEqualTo(ChainBreak.Reason.MALFORMED);
        }
    }

    private record Verdicts(List<Long> accepted, List<ChainBreak> breaks, TrustedKeys keys) {
    }

    /** The verdicts of ChainVerifier, asserted equal to RunVerifier's in one call and one record per call. */
    private Verdicts verdicts(List<DecodedRecord> records) {
        ChainVerifier single = new ChainVerifier(configured);
        List<Long> accepted = new ArrayList<>();
        List<ChainBreak> breaks = new ArrayList<>();
        for (DecodedRecord record : records) {
            Optional<ChainBreak> failure = single.accept(record);
            failure.ifPresentOrElse(breaks::add, () -> accepted.add(record.offset()));
        }
        RunVerifier whole = new RunVerifier(configured, ChainHead.GENESIS);
        RunVerifier.Result result = whole.verify(records);
        assertThat(result.accepted()).extracting(DecodedRecord::offset).containsExactlyElementsOf(accepted);
        assertThat(result.breaks()).containsExactlyElementsOf(breaks);
        assertThat(whole.keys()).isEqualTo(single.keys());
        RunVerifier stepwise = new RunVerifier(configured, ChainHead.GENESIS);
        List<ChainBreak> stepBreaks = new ArrayList<>();
        for (DecodedRecord record : records) {
            stepBreaks.addAll(stepwise.verify(List.of(record)).breaks());
        }
        assertThat(stepBreaks).containsExactlyElementsOf(breaks);
        assertThat(stepwise.keys()).isEqualTo(single.keys());
        return new Verdicts(accepted, breaks, single.keys());
    }

    private void append(EventSigner signer, Object event) {
        AuditChain chain = new AuditChain(signer);
        EventEnvelope envelope = event instanceof SigningKeyRotated rotation
                ? chain.seal(head, rotation, UUID.randomUUID().toString())
                : chain.seal(head, (TokenEvent) event, UUID.randomUUID().toString());
        log.add(envelope);
        head = envelope.head();
    }

    private List<DecodedRecord> decoded() {
        List<DecodedRecord> records = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            records.add(EventCodec.decode(i, EventCodec.encode(log.get(i))));
        }
        return records;
    }

    private static TokenIssued issue() {
        return new TokenIssued(UUID.randomUUID().toString(), "grafana-prod", "a".repeat(64), "cqm_aaaa…aaaa", null,
                "alice", Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static SigningKeyRotated rotation(EventSigner outgoing, KeyPair incoming) {
        return SigningKeyRotated.to(incoming.getPublic(), "scheduled rotation from " + outgoing.keyId(), "alice",
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static EventEnvelope withKeyId(EventEnvelope e, String keyId) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(), e.actor(),
                e.data(), e.prevHash(), e.hash(), keyId, e.signature());
    }
}
