package com.cloudquant.liberator.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import com.cloudquant.liberator.tokenlog.ChainFollower;
import com.cloudquant.liberator.tokenlog.LogRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches as the log reader hands them over (verified by token-log's follower), applied through the fold. */
class TokenProjectorTest {

    private final SignedLog log = new SignedLog();
    private final ValidTokenRegistry registry = new ValidTokenRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenProjector projector = new TokenProjector(registry, meters);
    private final ChainFollower follower = new ChainFollower(log.trustedKeys(), ChainHead.GENESIS);
    private final BearerToken evil = SignedLog.newToken();

    private static DecodedRecord decode(long offset, byte[] value) {
        return EventCodec.decode(offset, value);
    }

    /** A record with a correct hash and prevHash and the trusted key id, but a signature its writer could not make. */
    private byte[] forgedWithTrustedKeyId() {
        SignedLog attacker = new SignedLog();
        byte[] sealed = log.sealOnly(new TokenIssued("evil", "grafana-prod", evil.sha256Hex(), evil.hint(),
                null, "mallory", Instant.now()));
        EventEnvelope e = decode(0, sealed).wellFormedEnvelope().orElseThrow();
        String keyId = log.trustedKeys().keyIds().iterator().next();
        String attackerSignature = decode(0, attacker.issue("x", SignedLog.newToken())).wellFormedEnvelope().orElseThrow().signature();
        return EventCodec.encode(new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(),
                e.occurredAt(), e.actor(), e.data(), e.prevHash(), e.hash(), keyId, attackerSignature));
    }

    /** What the reader does with a poll batch. */
    private ChainFollower.Step apply(List<LogRecord> batch) {
        ChainFollower.Step step = follower.follow(LogRecord.decodeAll(batch));
        projector.apply(step.accepted());
        step.skipped().forEach(projector::skipped);
        return step;
    }

    private static TokenHash hashOf(BearerToken token) {
        return TokenHash.ofHex(token.sha256Hex());
    }

    private double chainErrors() {
        return meters.get("liberator.gateway.projection.chain.errors").counter().count();
    }

    @Test
    void aWholeGenuineCatchUpBatchIsApplied() {
        // more records than the projector decodes and hashes on one thread
        List<LogRecord> batch = new ArrayList<>();
        List<BearerToken> tokens = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tokens.add(SignedLog.newToken());
            batch.add(new LogRecord(i, log.issue("t" + i, tokens.get(i))));
        }

        apply(batch);

        assertThat(projector.applied()).isEqualTo(300);
        assertThat(registry.size()).isEqualTo(300);
        assertThat(tokens).allSatisfy(token -> assertThat(registry.find(hashOf(token))).isPresent());
        assertThat(chainErrors()).isZero();
    }

    @Test
    void aForgedRecordWithTheTrustedKeyIdInTheMiddleOfABatchIsNotAppliedAndTheGenuineOnesAroundItAre() {
        BearerToken t1 = SignedLog.newToken();
        BearerToken t2 = SignedLog.newToken();
        BearerToken t3 = SignedLog.newToken();
        byte[] first = log.issue("t1", t1);
        byte[] forged = forgedWithTrustedKeyId();

        apply(List.of(new LogRecord(0, first), new LogRecord(1, forged),
                new LogRecord(2, log.issue("t2", t2)), new LogRecord(3, log.issue("t3", t3))));

        assertThat(registry.find(hashOf(evil))).isEmpty();
        assertThat(List.of(t1, t2, t3)).allSatisfy(token -> assertThat(registry.find(hashOf(token))).isPresent());
        assertThat(projector.applied()).isEqualTo(3);
        assertThat(chainErrors()).isEqualTo(1.0);
    }

    @Test
    void aForgedRecordAtTheEndOfABatchIsNotAppliedAndTheChainGoesOnInTheNextBatch() {
        BearerToken t1 = SignedLog.newToken();
        BearerToken t2 = SignedLog.newToken();
        apply(List.of(new LogRecord(0, log.issue("t1", t1)), new LogRecord(1, forgedWithTrustedKeyId())));
        apply(List.of(new LogRecord(2, log.issue("t2", t2))));

        assertThat(registry.find(hashOf(evil))).isEmpty();
        assertThat(registry.find(hashOf(t1))).isPresent();
        assertThat(registry.find(hashOf(t2))).isPresent();
        assertThat(chainErrors()).isEqualTo(1.0);
    }

    @Test
    void aReplayedSignedRecordHaltsAndNothingAfterItIsApplied() {
        byte[] first = log.issue("t1", SignedLog.newToken());
        byte[] second = log.issue("t2", SignedLog.newToken());
        BearerToken later = SignedLog.newToken();

        ChainFollower.Step step = apply(List.of(new LogRecord(0, first), new LogRecord(1, second), new LogRecord(2, first),
                new LogRecord(3, log.issue("t3", later))));

        assertThat(step.halt()).hasValueSatisfying(halt -> assertThat(halt.offset()).isEqualTo(2));
        assertThat(projector.applied()).isEqualTo(2);
        assertThat(registry.find(hashOf(later))).isEmpty();
    }

    @Test
    void aSecondIssueOfARevokedIdChangesNothing() {
        BearerToken original = SignedLog.newToken();
        BearerToken again = SignedLog.newToken();
        apply(List.of(new LogRecord(0, log.issue("t1", original)), new LogRecord(1, log.revoke("t1")),
                new LogRecord(2, log.issue("t1", again))));

        assertThat(registry.find(hashOf(original))).isEmpty();
        assertThat(registry.find(hashOf(again))).isEmpty();
        assertThat(registry.wasRevoked(hashOf(original))).isTrue();
    }

    @Test
    void aSecondIssueOfAnActiveIdKeepsTheFirst() {
        BearerToken original = SignedLog.newToken();
        BearerToken again = SignedLog.newToken();
        apply(List.of(new LogRecord(0, log.issue("t1", original)), new LogRecord(1, log.issue("t1", again))));

        assertThat(registry.find(hashOf(original))).isPresent();
        assertThat(registry.find(hashOf(again))).isEmpty();
    }
}
