package com.cloudquant.liberator.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchChainVerifierTest {

    private final SignedLog log = new SignedLog();
    private final BatchChainVerifier verifier = new BatchChainVerifier(log.trustedKeys());
    private final List<ChainBreak> breaks = new ArrayList<>();

    private static DecodedRecord decode(long offset, byte[] value) {
        return EventCodec.decode(offset, value);
    }

    /** A record with a correct hash and prevHash and the trusted key id, but a signature its writer could not make. */
    private byte[] forgedWithTrustedKeyId(String keyId) {
        SignedLog attacker = new SignedLog();
        byte[] sealed = log.sealOnly(new TokenIssued("evil", "grafana-prod", SignedLog.newToken().sha256Hex(), "cqm_0000…0000",
                null, "mallory", Instant.now()));
        EventEnvelope genuineShape = decode(0, sealed).wellFormedEnvelope().orElseThrow();
        String attackerSignature = decode(0, attacker.issue("x", SignedLog.newToken())).wellFormedEnvelope().orElseThrow().signature();
        EventEnvelope e = genuineShape;
        return EventCodec.encode(new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(),
                e.occurredAt(), e.actor(), e.data(), e.prevHash(), e.hash(), keyId, attackerSignature));
    }

    @Test
    void wholeGenuineBatchIsAccepted() {
        List<DecodedRecord> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(decode(i, log.issue("t" + i, SignedLog.newToken())));
        }
        assertThat(verifier.accept(batch, breaks::add)).hasSize(50);
        assertThat(breaks).isEmpty();
    }

    @Test
    void forgedRecordWithTrustedKeyIdInTheMiddleOfABatchIsRejectedAndTheGenuineOnesAroundItAreKept() {
        byte[] first = log.issue("t1", SignedLog.newToken());
        String keyId = decode(0, first).wellFormedEnvelope().orElseThrow().keyId();
        byte[] forged = forgedWithTrustedKeyId(keyId);
        List<DecodedRecord> batch = List.of(decode(0, first), decode(1, forged),
                decode(2, log.issue("t2", SignedLog.newToken())), decode(3, log.issue("t3", SignedLog.newToken())));

        List<DecodedRecord> accepted = verifier.accept(batch, breaks::add);

        assertThat(accepted).extracting(DecodedRecord::offset).containsExactly(0L, 2L, 3L);
        assertThat(breaks).singleElement().satisfies(b -> {
            assertThat(b.offset()).isEqualTo(1);
            assertThat(b.reason()).isEqualTo(ChainBreak.Reason.BAD_SIGNATURE);
        });
    }

    @Test
    void forgedRecordAtTheEndOfABatchIsRejectedAndTheChainContinuesInTheNextBatch() {
        byte[] first = log.issue("t1", SignedLog.newToken());
        String keyId = decode(0, first).wellFormedEnvelope().orElseThrow().keyId();
        assertThat(verifier.accept(List.of(decode(0, first), decode(1, forgedWithTrustedKeyId(keyId))), breaks::add))
                .extracting(DecodedRecord::offset).containsExactly(0L);
        assertThat(verifier.accept(List.of(decode(2, log.issue("t2", SignedLog.newToken()))), breaks::add)).hasSize(1);
        assertThat(breaks).hasSize(1);
    }

    @Test
    void replayedRecordInsideABatchIsRejected() {
        byte[] first = log.issue("t1", SignedLog.newToken());
        byte[] second = log.issue("t2", SignedLog.newToken());
        List<DecodedRecord> accepted = verifier.accept(List.of(decode(0, first), decode(1, second), decode(2, first)),
                breaks::add);
        assertThat(accepted).extracting(DecodedRecord::offset).containsExactly(0L, 1L);
        assertThat(breaks).singleElement().extracting(ChainBreak::reason).isEqualTo(ChainBreak.Reason.SEQ_REPEATED);
    }
}
