package com.cloudquant.liberator.bench.tokenservice;

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
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import com.cloudquant.liberator.tokenservice.eventstore.KafkaEventStorageEngine;
import com.cloudquant.liberator.tokenservice.eventstore.TokenLogClients;
import com.cloudquant.liberator.tokenservice.query.TokenDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes a signed log of {@code events} events (each token issued, then revoked), then times the rebuild. */
final class RebuildRun {

    private static final int PER_TRANSACTION = 1000;

    private final String bootstrapServers;
    private final String topic;
    private final Path keys;
    private String lastTokenId;

    RebuildRun(String bootstrapServers, String topic, Path keys) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.keys = keys;
    }

    Result run(int events) throws Exception {
        KeyPair pair = new KeyPair(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")),
                Ed25519Keys.readPrivateKey(keys.resolve("signing.pem")));
        EventSigner signer = new EventSigner(pair);
        int tokens = write(new AuditChain(signer), events);

        KafkaSettings settings = new KafkaSettings(bootstrapServers, topic, Duration.ofSeconds(30));
        long engineNanos;
        try (KafkaEventStorageEngine engine = new KafkaEventStorageEngine(new TokenLogClients(settings),
                new AuditChain(signer), signer.trustedKeys(), latency -> { })) {
            long began = System.nanoTime();
            engine.start();
            engineNanos = System.nanoTime() - began;
        }

        long began = System.nanoTime();
        try (ApplicationContext service = ApplicationContext.run(EmbeddedServer.class,
                ServiceSettings.of(bootstrapServers, topic, keys)).getApplicationContext()) {
            TokenDirectory directory = service.getBean(TokenDirectory.class);
            // the log ends with the last token's revocation; polling that is O(1), re-listing
            // 50,000 tokens would compete with the processor for the two cores
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!directory.find(lastTokenId).map(view -> view.revokedAt() != null).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("directory did not reach " + tokens + " tokens");
                }
                Thread.sleep(10);
            }
            long elapsed = System.nanoTime() - began;
            if (directory.list(null, null).size() != tokens) {
                throw new IllegalStateException("directory shows " + directory.list(null, null).size() + " tokens, expected " + tokens);
            }
            return new Result(events, tokens, engineNanos, elapsed);
        }
    }

    private int write(AuditChain chain, int events) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("transactional.id", "bench-writer-" + topic);
        p.put("linger.ms", "5");
        SecureRandom random = new SecureRandom();
        ChainHead head = ChainHead.GENESIS;
        int tokens = 0;
        String lastId = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int i = 0; i < events; i++) {
                if (i % PER_TRANSACTION == 0) {
                    producer.beginTransaction();
                }
                Instant now = Instant.now();
                TokenEvent event;
                if (i % 2 == 0) {
                    BearerToken token = BearerToken.generate(random);
                    lastId = UUID.randomUUID().toString();
                    event = new TokenIssued(lastId, "consumer-" + (i % 500), token.sha256Hex(), token.hint(), null, "bench", now);
                    tokens++;
                } else {
                    event = new TokenRevoked(lastId, "bench", now, "benchmark");
                }
                EventEnvelope envelope = chain.seal(head, event, UUID.randomUUID().toString());
                head = envelope.head();
                producer.send(new ProducerRecord<>(topic, event.tokenId(), EventCodec.encode(envelope)));
                lastTokenId = lastId;
                if ((i + 1) % PER_TRANSACTION == 0 || i == events - 1) {
                    producer.commitTransaction();
                }
            }
        }
        return tokens;
    }

    record Result(int events, int tokens, long engineStartNanos, long serviceStartNanos) {
    }
}
