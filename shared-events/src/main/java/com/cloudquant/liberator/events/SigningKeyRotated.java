package com.cloudquant.liberator.events;

import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The token-service's event-signing key was replaced. Written onto the chain like every
 * record and signed by the OUTGOING key: the key valid at this record's {@code seq} vouches
 * for its successor, so a reader learns the new key from the chain, not from its
 * configuration. From the next {@code seq} on only {@link #newPublicKey()} is valid; every key
 * valid before is retired (see {@link TrustedKeys}).
 *
 * <p>It is about no token: its envelope's {@code tokenId} (and Kafka record key) is the new
 * key id.
 *
 * @param newKeyId     id of the new key ({@link Ed25519Keys#keyId}); must match {@code newPublicKey}
 * @param newPublicKey the new Ed25519 public key, written as PEM ({@code PUBLIC KEY})
 * @param reason       free text, possibly empty (never {@code null})
 * @param rotatedBy    the authenticated user who rotated the key
 * @param rotatedAt    when
 */
public record SigningKeyRotated(String newKeyId, PublicKey newPublicKey, String reason, String rotatedBy,
                                Instant rotatedAt) {

    /** Envelope type name. */
    public static final String TYPE = "SigningKeyRotated";

    public SigningKeyRotated {
        Objects.requireNonNull(newPublicKey, "newPublicKey");
        TokenIssued.requireText(rotatedBy, "rotatedBy");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        if (!Ed25519Keys.keyId(newPublicKey).equals(newKeyId)) {
            throw new IllegalArgumentException("newKeyId " + newKeyId + " is not the id of the public key it names ("
                    + Ed25519Keys.keyId(newPublicKey) + ")");
        }
        rotatedAt = rotatedAt.truncatedTo(ChronoUnit.MILLIS);
        reason = reason == null ? "" : reason;
    }

    /** A rotation to {@code newKey}. */
    public static SigningKeyRotated to(PublicKey newKey, String reason, String rotatedBy, Instant rotatedAt) {
        return new SigningKeyRotated(Ed25519Keys.keyId(newKey), newKey, reason, rotatedBy, rotatedAt);
    }
}
