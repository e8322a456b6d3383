package com.cloudquant.liberator.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which public keys sign which stretch of the chain: the one place that decides whether a key
 * is valid at a {@code seq}. Immutable; a verifier holds the instance that is true at its head
 * and moves to {@link #after} each record it accepts.
 *
 * <p>{@link #of} makes the <b>genesis</b> keys, the ones a reader is configured with: valid
 * from {@code seq} 1 until a {@link SigningKeyRotated} retires them. A rotation accepted at
 * {@code seq} R (signed by a key valid at R) ends every key valid at R with R and makes its new
 * key valid from R + 1, for good or until the next rotation. A record signed by a key outside
 * its stretch is {@link ChainBreak.Reason#RETIRED_KEY}: skipped, like one signed by an unknown
 * key, because nobody the chain trusts at that {@code seq} signed it. A rotation to a key the
 * chain already knows is refused the same way: a retired key never becomes valid again.
 */
public final class TrustedKeys {

    /** A key and the {@code seq}s it may sign, both ends inclusive. */
    private record Stretch(PublicKey key, long from, long through) {
        boolean covers(long seq) {
            return seq >= from && seq <= through;
        }
    }

    private final Map<String, Stretch> byId;

    private TrustedKeys(Map<String, Stretch> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The genesis keys: valid from the first record until a rotation on the chain retires them. */
    public static TrustedKeys of(PublicKey... keys) {
        Map<String, Stretch> byId = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            byId.put(Ed25519Keys.keyId(key), new Stretch(key, 1, Long.MAX_VALUE));
        }
        return new TrustedKeys(byId);
    }

    /** Every key id ever trusted, valid now or retired. */
    public Set<String> keyIds() {
        return byId.keySet();
    }

    /** Whether {@code keyId} was ever trusted (valid now or retired). */
    public boolean knows(String keyId) {
        return byId.containsKey(keyId);
    }

    /** The public key with id {@code keyId}, valid now or retired. */
    public Optional<PublicKey> publicKey(String keyId) {
        return Optional.ofNullable(byId.get(keyId)).map(Stretch::key);
    }

    /** Whether {@code keyId} may sign the record at {@code seq}. */
    public boolean validAt(String keyId, long seq) {
        Stretch stretch = byId.get(keyId);
        return stretch != null && stretch.covers(seq);
    }

    /** The ids of the keys that may sign the record at {@code seq}. */
    public List<String> validKeyIdsAt(long seq) {
        return byId.entrySet().stream().filter(entry -> entry.getValue().covers(seq)).map(Map.Entry::getKey).toList();
    }

    /**
     * Why a well-formed record signed with a known key may not be accepted at its {@code seq}
     * ({@link ChainBreak.Reason#RETIRED_KEY}), or empty when its key is valid there. Checks the
     * key's stretch and, for a rotation, that its new key is new.
     */
    public Optional<String> refusal(DecodedRecord record) {
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        Stretch stretch = byId.get(e.keyId());
        if (stretch != null && !stretch.covers(e.seq())) {
            return Optional.of("signed with keyId " + e.keyId() + ", which is valid for seq " + stretch.from() + " to "
                    + (stretch.through() == Long.MAX_VALUE ? "now" : String.valueOf(stretch.through()))
                    + " only, not at seq " + e.seq() + "; valid there: " + validKeyIdsAt(e.seq()));
        }
        if (record instanceof DecodedRecord.KeyRotation rotation && knows(rotation.rotation().newKeyId())) {
            return Optional.of("rotates to keyId " + rotation.rotation().newKeyId()
                    + ", which this chain already used: a retired key never becomes valid again");
        }
        return Optional.empty();
    }

    /**
     * The keys after {@code accepted}, a record the chain accepted: unchanged unless it is a
     * rotation, which retires every key valid at its {@code seq} and makes its new key valid from
     * the next one.
     */
    public TrustedKeys after(DecodedRecord accepted) {
        if (!(accepted instanceof DecodedRecord.KeyRotation rotation)) {
            return this;
        }
        long seq = rotation.envelope().seq();
        Map<String, Stretch> next = new LinkedHashMap<>();
        byId.forEach((id, stretch) -> next.put(id, stretch.covers(seq)
                ? new Stretch(stretch.key(), stretch.from(), seq) : stretch));
        next.put(rotation.rotation().newKeyId(), new Stretch(rotation.rotation().newPublicKey(), seq + 1, Long.MAX_VALUE));
        return new TrustedKeys(next);
    }

    /** Whether {@code signatureBase64} is a valid signature of {@code hashHex} by key {@code keyId}. */
    public boolean verify(String keyId, String hashHex, String signatureBase64) {
        Stretch stretch = byId.get(keyId);
        if (stretch == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(stretch.key());
            signature.update(hashHex.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedKeys keys && keys.byId.equals(byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("TrustedKeys[");
        byId.forEach((id, stretch) -> out.append(id).append(" seq ").append(stretch.from()).append("..")
                .append(stretch.through() == Long.MAX_VALUE ? "" : String.valueOf(stretch.through())).append(' '));
        return out.toString().trim() + "]";
    }
}
