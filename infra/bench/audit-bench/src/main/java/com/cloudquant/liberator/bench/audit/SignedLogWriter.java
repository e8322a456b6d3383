package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a correctly chained and signed log of realistic events: two issues for each
 * revocation, a quarter of the tokens with an expiry, 200 consumers, 5 admins.
 */
final class SignedLogWriter {

    private static final int BATCH = 10_000;
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    private final EventSigner signer;
    private final Random random = new Random(42);
    private final ArrayDeque<String> unrevoked = new ArrayDeque<>();
    private ChainHead head = ChainHead.GENESIS;
    private long written;

    SignedLogWriter(EventSigner signer) {
        this.signer = signer;
    }

    void write(String bootstrapServers, String topic, long events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            while (written < events) {
                int n = (int) Math.min(BATCH, events - written);
                for (EventEnvelope envelope : nextBatch(n)) {
                    producer.send(new ProducerRecord<>(topic, envelope.tokenId(), EventCodec.encode(envelope)));
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
        Instant at = START.plus(Duration.ofSeconds(30 * written));
        String actor = "admin-" + random.nextInt(5);
        written++;
        if (written % 3 == 0 && !unrevoked.isEmpty()) {
            return new TokenRevoked(unrevoked.removeFirst(), actor, at, "rotated");
        }
        String tokenId = UUID.randomUUID().toString();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String tokenHash = HexFormat.of().formatHex(secret);
        unrevoked.addLast(tokenId);
        Instant expiry = written % 4 == 0 ? at.plus(Duration.ofDays(90)) : null;
        return new TokenIssued(tokenId, "consumer-" + random.nextInt(200), tokenHash,
                "cqm_" + tokenHash.substring(0, 4) + "…" + tokenHash.substring(60), expiry, actor, at);
    }

    private EventEnvelope withSignature(EventEnvelope e, String hash, String signature) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), e.data(), e.prevHash(), hash, signer.keyId(), signature);
    }
}
