package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi;

/**
 * Writes a correctly chained log of realistic events in which every record carries a valid
 * signature (a reader that checks one signature per poll batch must find a valid one wherever
 * its batch ends). Token ids are random UUIDs, as the token-service writes them. The mix of
 * issues, revocations and expiries is a {@link Shape}; by default audit-bench's: two issues for
 * each revocation, a quarter of the tokens with an expiry, 200 consumers, 5 admins.
 *
 * <p>Signing is the slow part: call {@link #installFastEd25519()} first to sign with
 * BouncyCastle (~7x the JDK's speed); records are signed in parallel, chained in order.
 */
public final class SignedLogWriter {

    private static final int BATCH = 10_000;

    private final EventSigner signer;
    private final Shape shape;
    private final Random random = new Random(42);
    private final ArrayDeque<String> unrevoked = new ArrayDeque<>();
    private ChainHead head = ChainHead.GENESIS;
    private long written;

    /**
     * What the generated log looks like. Event number {@code n} (1-based) revokes the oldest
     * unrevoked token when {@code n % revokeEvery == 0}, otherwise issues one, which expires
     * {@code expiresAfter} after its issue when {@code n % expiryEvery == 0}.
     *
     * @param revokeEvery  every how many events one is a revocation (3: two issues per revocation)
     * @param expiryEvery  every how many events an issue carries an expiry
     * @param expiresAfter how long after its issue such a token expires
     * @param consumers    how many distinct consumer names the tokens are spread over
     * @param start        when the first event occurred
     * @param interval     time between two events
     */
    public record Shape(int revokeEvery, int expiryEvery, Duration expiresAfter, int consumers, Instant start,
                        Duration interval) {

        public Shape {
            if (revokeEvery < 2 || expiryEvery < 1 || consumers < 1) {
                throw new IllegalArgumentException("revokeEvery ≥ 2, expiryEvery ≥ 1, consumers ≥ 1");
            }
            Objects.requireNonNull(expiresAfter, "expiresAfter");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(interval, "interval");
        }

        /** audit-bench's log: 30 s apart from 2020, a quarter expiring after 90 days (long expired now). */
        public static Shape audit() {
            return new Shape(3, 4, Duration.ofDays(90), 200, Instant.parse("2020-01-01T00:00:00Z"),
                    Duration.ofSeconds(30));
        }
    }

    /** A writer of audit-bench's {@link Shape#audit()} log. */
    public SignedLogWriter(EventSigner signer) {
        this(signer, Shape.audit());
    }

    public SignedLogWriter(EventSigner signer, Shape shape) {
        this.signer = signer;
        this.shape = shape;
    }

    /**
     * Signs with BouncyCastle's Ed25519 (what {@code liberator-audit} installs for itself): the
     * JDK 17 Ed25519 would take ~10 minutes to sign a million events on 2 cores.
     */
    public static void installFastEd25519() {
        if (Security.getProvider("BenchEd25519") != null) {
            return;
        }
        Provider provider = new Provider("BenchEd25519", "1", "BouncyCastle Ed25519 only") {
            private static final long serialVersionUID = 1L;

            {
                put("Signature.Ed25519", SignatureSpi.Ed25519.class.getName());
            }
        };
        Security.insertProviderAt(provider, 1);
    }

    /** Writes the next {@code events} events of the log to {@code topic}. */
    public void write(String bootstrapServers, String topic, long events) {
        write(bootstrapServers, Map.of(topic, events));
    }

    /**
     * Writes one log into several topics at once: each topic receives the first {@code n}
     * events of the same chain (a prefix of a valid log is a valid log), so logs of several
     * sizes cost the signing of the longest only.
     */
    public void write(String bootstrapServers, Map<String, Long> eventsPerTopic) {
        Map<String, Long> limits = new LinkedHashMap<>(eventsPerTopic);
        long events = limits.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long first = written;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            while (written - first < events) {
                int n = (int) Math.min(BATCH, events - (written - first));
                long batchStart = written - first;
                List<EventEnvelope> batch = nextBatch(n);
                for (int i = 0; i < batch.size(); i++) {
                    EventEnvelope envelope = batch.get(i);
                    byte[] value = EventCodec.encode(envelope);
                    for (Map.Entry<String, Long> topic : limits.entrySet()) {
                        if (batchStart + i < topic.getValue()) {
                            producer.send(new ProducerRecord<>(topic.getKey(), envelope.tokenId(), value));
                        }
                    }
                }
            }
            producer.flush();
        }
    }

    /** Hashes must be chained one after the other; the signatures, the slow part, need not. */
    private List<EventEnvelope> nextBatch(int n) {
        List<EventEnvelope> unsigned = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TokenEvent event = nextEvent();
            EventEnvelope draft = new EventEnvelope(EventEnvelope.SCHEMA_VERSION, head.seq() + 1,
                    UUID.randomUUID().toString(), event.type(), event.tokenId(), event.occurredAt(), event.actor(),
                    EventCodec.dataOf(event), head.hash(), null, null, null);
            String hash = AuditChain.hashOf(draft);
            unsigned.add(withSignature(draft, hash, null));
            head = new ChainHead(draft.seq(), hash);
        }
        return IntStream.range(0, n).parallel()
                .mapToObj(i -> withSignature(unsigned.get(i), unsigned.get(i).hash(),
                        signer.sign(unsigned.get(i).hash())))
                .toList();
    }

    private TokenEvent nextEvent() {
        Instant at = shape.start().plus(shape.interval().multipliedBy(written));
        String actor = "admin-" + random.nextInt(5);
        written++;
        if (written % shape.revokeEvery() == 0 && !unrevoked.isEmpty()) {
            return new TokenRevoked(unrevoked.removeFirst(), actor, at, "rotated");
        }
        String tokenId = UUID.randomUUID().toString();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String tokenHash = HexFormat.of().formatHex(secret);
        unrevoked.addLast(tokenId);
        Instant expiry = written % shape.expiryEvery() == 0 ? at.plus(shape.expiresAfter()) : null;
        return new TokenIssued(tokenId, "consumer-" + random.nextInt(shape.consumers()), tokenHash,
                "cqm_" + tokenHash.substring(0, 4) + "…" + tokenHash.substring(60), expiry, actor, at);
    }

    private EventEnvelope withSignature(EventEnvelope e, String hash, String signature) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), hash, signer.keyId(), signature);
    }
}
