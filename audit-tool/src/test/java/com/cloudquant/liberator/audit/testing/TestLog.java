package com.cloudquant.liberator.audit.testing;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.SigningKeyRotated;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A correctly signed token log built the way the token-service builds it, as the list of
 * record values a producer would write. Tests forge records from it with {@link Forgery}.
 */
public final class TestLog {

    private final KeyPair keyPair = Ed25519Keys.generate();
    private final EventSigner signer = new EventSigner(keyPair);
    private AuditChain chain = new AuditChain(signer);
    private final List<byte[]> values = new ArrayList<>();
    private ChainHead head = ChainHead.GENESIS;

    public String issue(String consumer, String actor, Instant at, Instant expiresAt) {
        String tokenId = UUID.randomUUID().toString();
        append(new TokenIssued(tokenId, consumer, sha256(tokenId), "cqm_" + tokenId.substring(0, 4) + "…"
                + tokenId.substring(32), expiresAt, actor, at));
        return tokenId;
    }

    /** Issues a token confined to {@code scope}, as the token-service does. */
    public String issueScoped(String consumer, String actor, Instant at, Scope scope) {
        String tokenId = UUID.randomUUID().toString();
        append(new TokenIssued(tokenId, consumer, sha256(tokenId), "cqm_" + tokenId.substring(0, 4) + "…"
                + tokenId.substring(32), null, actor, at, null, scope));
        return tokenId;
    }

    /** Issues a token with its own query limits, as the token-service does. */
    public String issueWithLimits(String consumer, String actor, Instant at, TokenLimits limits) {
        String tokenId = UUID.randomUUID().toString();
        append(new TokenIssued(tokenId, consumer, sha256(tokenId), "cqm_" + tokenId.substring(0, 4) + "…"
                + tokenId.substring(32), null, actor, at, null, Scope.NONE, limits));
        return tokenId;
    }

    /**
     * A correctly signed and chained issue whose {@code data.scope} is {@code scopeText} exactly as
     * given, canonical or not: what a writer with another idea of the canonical form would write.
     * Signed with the genesis key (do not rotate before calling this).
     */
    public String issueWithScopeText(String consumer, String actor, Instant at, String scopeText) {
        String tokenId = UUID.randomUUID().toString();
        TokenIssued unscoped = new TokenIssued(tokenId, consumer, sha256(tokenId), "cqm_" + tokenId.substring(0, 4) + "…"
                + tokenId.substring(32), null, actor, at);
        EventEnvelope unsigned = new EventEnvelope(EventEnvelope.SCHEMA_VERSION, head.seq() + 1,
                UUID.randomUUID().toString(), TokenIssued.TYPE, tokenId, at, actor,
                EventCodec.dataOf(unscoped).put("scope", scopeText), head.hash(), null, null, null);
        String hash = AuditChain.hashOf(unsigned);
        EventEnvelope sealed = new EventEnvelope(unsigned.schemaVersion(), unsigned.seq(), unsigned.eventId(),
                unsigned.type(), tokenId, at, actor, unsigned.data(), unsigned.prevHash(), hash, signer.keyId(),
                signer.sign(hash));
        values.add(EventCodec.encode(sealed));
        head = sealed.head();
        return tokenId;
    }

    public void revoke(String tokenId, String actor, Instant at, String reason) {
        append(new TokenRevoked(tokenId, actor, at, reason));
    }

    /** A correctly signed event of a type this reader does not know, as a newer writer would add. */
    public void unknownType(String type, String tokenId, String actor, Instant at) {
        EventEnvelope unsigned = new EventEnvelope(EventEnvelope.SCHEMA_VERSION, head.seq() + 1,
                UUID.randomUUID().toString(), type, tokenId, at, actor,
                JsonNodeFactory.instance.objectNode().put("label", "renamed"), head.hash(), null, null, null);
        String hash = AuditChain.hashOf(unsigned);
        EventEnvelope sealed = new EventEnvelope(unsigned.schemaVersion(), unsigned.seq(), unsigned.eventId(),
                type, tokenId, at, actor, unsigned.data(), unsigned.prevHash(), hash, signer.keyId(), signer.sign(hash));
        values.add(EventCodec.encode(sealed));
        head = sealed.head();
    }

    /**
     * Rotates the signing key as the token-service does: a {@code SigningKeyRotated} sealed by the
     * key signing now, and everything after it signed by a new key. {@link #trustedKeys()} and
     * {@link #writePublicKey} stay the genesis key, which is all an auditor is given.
     *
     * @return the signer of the key retired by this rotation, for tests that forge with it
     */
    public AuditChain rotate(String actor, Instant at) {
        KeyPair next = Ed25519Keys.generate();
        EventEnvelope envelope = chain.seal(head, SigningKeyRotated.to(next.getPublic(), "yearly", actor, at),
                UUID.randomUUID().toString());
        values.add(EventCodec.encode(envelope));
        head = envelope.head();
        AuditChain retired = chain;
        chain = new AuditChain(new EventSigner(next));
        return retired;
    }

    /** Appends {@code event} sealed by {@code by} (a retired key's chain, say) after the head. */
    public void appendSignedBy(AuditChain by, TokenEvent event) {
        EventEnvelope envelope = by.seal(head, event, UUID.randomUUID().toString());
        values.add(EventCodec.encode(envelope));
        head = envelope.head();
    }

    private void append(TokenEvent event) {
        EventEnvelope envelope = chain.seal(head, event, UUID.randomUUID().toString());
        values.add(EventCodec.encode(envelope));
        head = envelope.head();
    }

    /** The record values in log order; tests may change this list to forge a log. */
    public List<byte[]> values() {
        return values;
    }

    public TrustedKeys trustedKeys() {
        return signer.trustedKeys();
    }

    public EventSigner signer() {
        return signer;
    }

    /** Writes the public key as PEM, as an auditor receives it. */
    public Path writePublicKey(Path dir) throws Exception {
        Path file = dir.resolve("event-signing-public.pem");
        Files.writeString(file, Ed25519Keys.publicKeyPem(keyPair.getPublic()));
        return file;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
