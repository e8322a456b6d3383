package com.cloudquant.liberator.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches as the topic reader hands them over: one signature check per verified run, same records applied. */
class TokenProjectorTest {

    private final SignedLog log = new SignedLog();
    private final ValidTokenRegistry registry = new ValidTokenRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenProjector projector = new TokenProjector(log.trustedKeys(), registry, meters);
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

        projector.apply(batch);

        assertThat(projector.applied()).isEqualTo(300);
        assertThat(registry.size()).isEqualTo(300);
        assertThat(tokens).allSatisfy(token -> assertThat(registry.find(token.sha256Hex())).isPresent());
        assertThat(chainErrors()).isZero();
    }

    @Test
    void aForgedRecordWithTheTrustedKeyIdInTheMiddleOfABatchIsNotAppliedAndTheGenuineOnesAroundItAre() {
        BearerToken t1 = SignedLog.newToken();
        BearerToken t2 = SignedLog.newToken();
        BearerToken t3 = SignedLog.newToken();
        byte[] first = log.issue("t1", t1);
        byte[] forged = forgedWithTrustedKeyId();

        projector.apply(List.of(new LogRecord(0, first), new LogRecord(1, forged),
                new LogRecord(2, log.issue("t2", t2)), new LogRecord(3, log.issue("t3", t3))));

        assertThat(registry.find(evil.sha256Hex())).isEmpty();
        assertThat(List.of(t1, t2, t3)).allSatisfy(token -> assertThat(registry.find(token.sha256Hex())).isPresent());
        assertThat(projector.applied()).isEqualTo(3);
        assertThat(chainErrors()).isEqualTo(1.0);
    }

    @Test
    void aForgedRecordAtTheEndOfABatchIsNotAppliedAndTheChainGoesOnInTheNextBatch() {
        BearerToken t1 = SignedLog.newToken();
        BearerToken t2 = SignedLog.newToken();
        projector.apply(List.of(new LogRecord(0, log.issue("t1", t1)), new LogRecord(1, forgedWithTrustedKeyId())));
        projector.apply(List.of(new LogRecord(2, log.issue("t2", t2))));

        assertThat(registry.find(evil.sha256Hex())).isEmpty();
        assertThat(registry.find(t1.sha256Hex())).isPresent();
        assertThat(registry.find(t2.sha256Hex())).isPresent();
        assertThat(chainErrors()).isEqualTo(1.0);
    }

    @Test
    void aReplayedRecordInsideABatchIsNotAppliedAgain() {
        byte[] first = log.issue("t1", SignedLog.newToken());
        byte[] second = log.issue("t2", SignedLog.newToken());

        projector.apply(List.of(new LogRecord(0, first), new LogRecord(1, second), new LogRecord(2, first)));

        assertThat(projector.applied()).isEqualTo(2);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(chainErrors()).isEqualTo(1.0);
    }
}
