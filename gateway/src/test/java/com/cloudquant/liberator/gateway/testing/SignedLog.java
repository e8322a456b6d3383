package com.cloudquant.liberator.gateway.testing;

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
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Writes signed, chained token events the way the token-service does, for tests. */
public final class SignedLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final EventSigner signer;
    private final AuditChain chain;
    private ChainHead head = ChainHead.GENESIS;

    public SignedLog() {
        this(Ed25519Keys.generate());
    }

    public SignedLog(KeyPair keys) {
        this.keys = keys;
        this.signer = new EventSigner(keys);
        this.chain = new AuditChain(signer);
    }

    /** A log that starts again from genesis, signed with the same key: the same writer after losing its topic. */
    public SignedLog restartedWithSameKey() {
        return new SignedLog(keys);
    }

    /** The last position {@link #append} moved to. */
    public ChainHead head() {
        return head;
    }

    public static BearerToken newToken() {
        return BearerToken.generate(RANDOM);
    }

    public TrustedKeys trustedKeys() {
        return signer.trustedKeys();
    }

    /** Writes the public key as PEM into {@code dir}; returns the file. */
    public Path writePublicKey(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "token-service-public", ".pem");
            Files.writeString(file, Ed25519Keys.publicKeyPem(keys.getPublic()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] issue(String tokenId, BearerToken token, String consumer, Instant expiresAt) {
        return append(new TokenIssued(tokenId, consumer, token.sha256Hex(), token.hint(), expiresAt,
                "alice", Instant.now()));
    }

    /** A token confined to {@code scope}, as the token-service writes one. */
    public byte[] issueScoped(String tokenId, BearerToken token, String consumer, Scope scope) {
        return append(new TokenIssued(tokenId, consumer, token.sha256Hex(), token.hint(), null, "alice", Instant.now(),
                null, scope));
    }

    /**
     * A correctly signed and chained issue whose {@code data.scope} is {@code scopeText} as given,
     * canonical or not (what a writer that canonicalises otherwise would write); the head moves.
     */
    public byte[] issueWithScopeText(String tokenId, BearerToken token, String consumer, String scopeText) {
        TokenIssued unscoped = new TokenIssued(tokenId, consumer, token.sha256Hex(), token.hint(), null, "alice",
                Instant.now());
        EventEnvelope plain = chain.seal(head, unscoped, UUID.randomUUID().toString());
        EventEnvelope unsigned = new EventEnvelope(plain.schemaVersion(), plain.seq(), plain.eventId(), plain.type(),
                plain.tokenId(), plain.occurredAt(), plain.actor(), ((ObjectNode) plain.data().deepCopy()).put("scope", scopeText),
                plain.prevHash(), null, null, null);
        String hash = AuditChain.hashOf(unsigned);
        EventEnvelope sealed = new EventEnvelope(unsigned.schemaVersion(), unsigned.seq(), unsigned.eventId(),
                unsigned.type(), unsigned.tokenId(), unsigned.occurredAt(), unsigned.actor(), unsigned.data(),
                unsigned.prevHash(), hash, signer.keyId(), signer.sign(hash));
        head = sealed.head();
        return EventCodec.encode(sealed);
    }

    /**
     * A token issued with its own query limits, {@code data.limits} holding {@code limits} exactly as given
     * (canonical text or not, as a writer would put them), signed and chained; the head moves.
     */
    public byte[] issueWithLimits(String tokenId, BearerToken token, String consumer, Map<String, String> limits) {
        TokenIssued plain = new TokenIssued(tokenId, consumer, token.sha256Hex(), token.hint(), null, "alice",
                Instant.now());
        ObjectNode data = EventCodec.dataOf(plain);
        limits.forEach(data.putObject("limits")::put);
        return appendData(plain, data);
    }

    public byte[] issue(String tokenId, BearerToken token) {
        return issue(tokenId, token, "grafana-prod", null);
    }

    public byte[] revoke(String tokenId) {
        return append(new TokenRevoked(tokenId, "alice", Instant.now(), "test"));
    }

    /** Seals {@code event} after the current head and moves the head. */
    public byte[] append(TokenEvent event) {
        EventEnvelope envelope = chain.seal(head, event, UUID.randomUUID().toString());
        head = envelope.head();
        return EventCodec.encode(envelope);
    }

    /** Seals {@code event} right after {@code after} with this log's key, whatever the current head; the head does not move. */
    public EventEnvelope sealAfter(ChainHead after, TokenEvent event) {
        return chain.seal(after, event, UUID.randomUUID().toString());
    }

    /** Seals {@code event} after the current head WITHOUT moving it: a record written by someone else. */
    public byte[] sealOnly(TokenEvent event) {
        return EventCodec.encode(chain.seal(head, event, UUID.randomUUID().toString()));
    }

    /**
     * Seals {@code event} with {@code extraData} added to its {@code data} and moves the head: the
     * event as a writer that knows more fields than this version's event records writes it (a
     * token's {@code scope}, say), signed and chained like any other.
     */
    public byte[] appendWithData(TokenEvent event, Map<String, String> extraData) {
        ObjectNode data = EventCodec.dataOf(event);
        extraData.forEach(data::put);
        return appendData(event, data);
    }

    private byte[] appendData(TokenEvent event, ObjectNode data) {
        EventEnvelope unsigned = new EventEnvelope(EventEnvelope.SCHEMA_VERSION, head.seq() + 1,
                UUID.randomUUID().toString(), event.type(), event.tokenId(), event.occurredAt(), event.actor(), data,
                head.hash(), null, null, null);
        String hash = AuditChain.hashOf(unsigned);
        EventEnvelope sealed = new EventEnvelope(unsigned.schemaVersion(), unsigned.seq(), unsigned.eventId(),
                unsigned.type(), unsigned.tokenId(), unsigned.occurredAt(), unsigned.actor(), data, unsigned.prevHash(),
                hash, signer.keyId(), signer.sign(hash));
        head = sealed.head();
        return EventCodec.encode(sealed);
    }
}
