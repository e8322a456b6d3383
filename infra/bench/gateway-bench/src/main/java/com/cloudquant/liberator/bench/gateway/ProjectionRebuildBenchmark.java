package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.gateway.projection.TokenProjector;
import com.cloudquant.liberator.tokenlog.ChainFollower;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Rebuilds the gateway projection from a 1,000,000-event log held in memory, in poll-sized
 * batches, as the gateway's reader does: token-log's {@link ChainFollower} (decode, hash chain,
 * Ed25519 per verified run) feeding the gateway's own {@link TokenProjector} (fold, apply). Prints time and retained heap per active token.
 *
 * <p>Only the last record of each batch carries a real signature: signing a million events
 * with the JDK's Ed25519 takes longer than this whole session, and the projector verifies
 * exactly one signature per verified run, so its work is the same as on a fully signed log
 * read with {@code max.poll.records} = batch size. The cost a per-record verifier would pay
 * is measured separately and printed.
 *
 * <p>Run: {@code java -Xmx2g -cp … ProjectionRebuildBenchmark [events] [batch]}
 */
public final class ProjectionRebuildBenchmark {

    private ProjectionRebuildBenchmark() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        EventSigner signer = new EventSigner(Ed25519Keys.generate());
        long t0 = System.nanoTime();
        List<LogRecord> log = generate(events, batch, signer);
        long generated = System.nanoTime() - t0;

        Runtime rt = Runtime.getRuntime();
        gc();
        long before = rt.totalMemory() - rt.freeMemory();
        ValidTokenRegistry registry = new ValidTokenRegistry();
        TokenProjector projector = new TokenProjector(registry, new SimpleMeterRegistry());
        ChainFollower follower = new ChainFollower(signer.trustedKeys(), ChainHead.GENESIS);
        long start = System.nanoTime();
        for (int from = 0; from < log.size(); from += batch) {
            projector.apply(follower.follow(LogRecord.decodeAll(log.subList(from, Math.min(log.size(), from + batch)))).accepted());
        }
        long rebuild = System.nanoTime() - start;
        gc();
        long after = rt.totalMemory() - rt.freeMemory();

        double verifyMicros = perSignatureVerifyMicros(signer);
        System.out.printf(Locale.ROOT, "| events | batch | generate s | rebuild s | events/s | active tokens | retained heap MiB | bytes/token | Ed25519 verify µs | per-record-verify rebuild (extrapolated) s |%n");
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.0f | %d | %.1f | %.0f | %.0f | %.0f |%n",
                events, batch, generated / 1e9, rebuild / 1e9, events / (rebuild / 1e9), registry.size(),
                (after - before) / 1048576.0, (after - before) / (double) Math.max(1, registry.size()),
                verifyMicros, verifyMicros * events / 1e6 + rebuild / 1e9);
        if (projector.applied() != events) {
            throw new IllegalStateException("applied " + projector.applied() + " of " + events + " events");
        }
    }

    /** 90% issues, 10% revocations of earlier tokens; real signatures only at batch ends. */
    static List<LogRecord> generate(int events, int batch, EventSigner signer) {
        SecureRandom random = new SecureRandom();
        List<LogRecord> log = new ArrayList<>(events);
        List<String> ids = new ArrayList<>(events);
        ChainHead head = ChainHead.GENESIS;
        String placeholder = null;
        Instant now = Instant.now();
        int issued = 0;
        int revoked = 0;
        for (int i = 0; i < events; i++) {
            TokenEvent event;
            if (i % 10 == 9) {
                event = new TokenRevoked(ids.get(revoked++ * 9), "bench", now, "rotation");
            } else {
                BearerToken token = BearerToken.generate(random);
                ids.add(UUID.randomUUID().toString()); // as the token-service writes them
                event = new TokenIssued(ids.get(issued), "consumer-" + (issued % 1000), token.sha256Hex(), token.hint(),
                        null, "bench", now);
                issued++;
            }
            EventEnvelope unsigned = new EventEnvelope(EventEnvelope.SCHEMA_VERSION, head.seq() + 1, "e" + i,
                    event.type(), event.tokenId(), event.occurredAt(), event.actor(), EventCodec.dataOf(event),
                    head.hash(), null, null, null);
            String hash = AuditChain.hashOf(unsigned);
            boolean signed = (i + 1) % batch == 0 || i == events - 1 || placeholder == null;
            String signature = signed ? signer.sign(hash) : placeholder;
            if (placeholder == null) {
                placeholder = signature;
            }
            EventEnvelope envelope = new EventEnvelope(unsigned.schemaVersion(), unsigned.seq(), unsigned.eventId(),
                    unsigned.type(), unsigned.tokenId(), unsigned.occurredAt(), unsigned.actor(), unsigned.data(),
                    unsigned.prevHash(), hash, signer.keyId(), signature);
            log.add(new LogRecord(i, EventCodec.encode(envelope)));
            head = envelope.head();
        }
        return log;
    }

    private static double perSignatureVerifyMicros(EventSigner signer) {
        TrustedKeys keys = signer.trustedKeys();
        String hash = "0".repeat(64);
        String signature = signer.sign(hash);
        for (int i = 0; i < 100; i++) {
            keys.verify(signer.keyId(), hash, signature);
        }
        int n = 300;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            keys.verify(signer.keyId(), hash, signature);
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }
}
