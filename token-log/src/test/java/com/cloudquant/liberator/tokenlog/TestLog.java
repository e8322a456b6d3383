package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.SigningKeyRotated;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.TrustedKeys;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Seals token events onto a chain the way the token-service does, for tests. */
final class TestLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final EventSigner signer;
    private AuditChain chain;
    private ChainHead head = ChainHead.GENESIS;

    TestLog() {
        this(Ed25519Keys.generate());
    }

    TestLog(KeyPair keys) {
        this.keys = keys;
        this.signer = new EventSigner(keys);
        this.chain = new AuditChain(signer);
    }

    KeyPair keys() {
        return keys;
    }

    TrustedKeys trustedKeys() {
        return signer.trustedKeys();
    }

    ChainHead head() {
        return head;
    }

    /** Continues the chain from {@code at} (e.g. another writer's head). */
    TestLog from(ChainHead at) {
        head = at;
        return this;
    }

    static BearerToken newToken() {
        return BearerToken.generate(RANDOM);
    }

    static TokenIssued issued(String tokenId, BearerToken token) {
        return new TokenIssued(tokenId, "grafana-prod", token.sha256Hex(), token.hint(), null, "alice", Instant.now());
    }

    static TokenRevoked revoked(String tokenId) {
        return new TokenRevoked(tokenId, "alice", Instant.now(), "test");
    }

    /** Seals {@code event} after the head and moves the head. */
    EventEnvelope append(TokenEvent event) {
        EventEnvelope envelope = chain.seal(head, event, UUID.randomUUID().toString());
        head = envelope.head();
        return envelope;
    }

    /**
     * Seals a {@link SigningKeyRotated} to {@code next} with the key signing now, and signs
     * everything after it with {@code next}, as the token-service does. {@link #trustedKeys()}
     * stays the genesis key: readers learn {@code next} from the chain.
     */
    EventEnvelope rotateTo(KeyPair next) {
        EventEnvelope envelope = chain.seal(head, SigningKeyRotated.to(next.getPublic(), "test", "alice", Instant.now()),
                UUID.randomUUID().toString());
        head = envelope.head();
        chain = new AuditChain(new EventSigner(next));
        return envelope;
    }

    byte[] appendEncoded(TokenEvent event) {
        return EventCodec.encode(append(event));
    }

    static DecodedRecord at(long offset, EventEnvelope envelope) {
        return EventCodec.decode(offset, EventCodec.encode(envelope));
    }
}
