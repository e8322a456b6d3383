package com.cloudquant.liberator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The audit hash chain: seals new events onto a {@link ChainHead} and verifies a whole
 * log. {@code hash = lowercase-hex(SHA-256(ASCII(prevHash) || canonicalBody))}; the
 * signature is Ed25519 over the ASCII bytes of {@code hash}.
 */
public final class AuditChain {

    private final EventSigner signer;

    public AuditChain(EventSigner signer) {
        this.signer = signer;
    }

    /** Id of the key this chain signs with. */
    public String keyId() {
        return signer.keyId();
    }

    /**
     * The envelope that puts {@code event} right after {@code head}. Pure: the caller
     * moves its head to {@link EventEnvelope#head()} only once the record is committed.
     */
    public EventEnvelope seal(ChainHead head, TokenEvent event, String eventId) {
        return seal(head, eventId, event.type(), event.tokenId(), event.occurredAt(), event.actor(), EventCodec.dataOf(event));
    }

    /**
     * The envelope that puts {@code rotation} right after {@code head}, signed by this chain's
     * signer: the outgoing key. Its {@code tokenId} (the record key) is the new key id.
     */
    public EventEnvelope seal(ChainHead head, SigningKeyRotated rotation, String eventId) {
        return seal(head, eventId, SigningKeyRotated.TYPE, rotation.newKeyId(), rotation.rotatedAt(), rotation.rotatedBy(),
                EventCodec.dataOf(rotation));
    }

    private EventEnvelope seal(ChainHead head, String eventId, String type, String tokenId, Instant occurredAt,
                               String actor, JsonNode data) {
        EventEnvelope unsigned = new EventEnvelope(
                EventEnvelope.SCHEMA_VERSION, head.seq() + 1, eventId, type, tokenId,
                occurredAt, actor, data, head.hash(), null, null, null);
        String hash = hashOf(unsigned);
        return new EventEnvelope(
                unsigned.schemaVersion(), unsigned.seq(), eventId, unsigned.type(), unsigned.tokenId(),
                unsigned.occurredAt(), unsigned.actor(), unsigned.data(), unsigned.prevHash(),
                hash, signer.keyId(), signer.sign(hash));
    }

    /** The hash an envelope should carry, computed from its content and {@code prevHash}. */
    public static String hashOf(EventEnvelope envelope) {
        MessageDigest sha256 = sha256();
        sha256.update(envelope.prevHash().getBytes(StandardCharsets.US_ASCII));
        sha256.update(EventCodec.canonicalBody(envelope));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * Verifies a whole log in order and stops at the first break.
     *
     * @return how many records verified, the head reached, and the first break if any
     */
    public static Verification verify(Iterable<DecodedRecord> log, TrustedKeys trustedKeys) {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        long verified = 0;
        for (DecodedRecord record : log) {
            Optional<ChainBreak> failure = verifier.accept(record);
            if (failure.isPresent()) {
                return new Verification(verified, verifier.head(), failure);
            }
            verified++;
        }
        return new Verification(verified, verifier.head(), Optional.empty());
    }

    /**
     * Result of {@link #verify}.
     *
     * @param verifiedRecords records that verified before the first break (or all of them)
     * @param head            the last verified position
     * @param firstBreak      the first record that failed, if any
     */
    public record Verification(long verifiedRecords, ChainHead head, Optional<ChainBreak> firstBreak) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    /**
     * A SHA-256 digest for this thread, reset and ready. Looking the provider up costs more
     * than hashing a record, and rebuilds hash every record of the log.
     */
    static MessageDigest sha256() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    });
}
