package com.cloudquant.liberator.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The public keys whose signatures a reader accepts, by key id. Holding several lets a
 * reader verify a log written across a signing-key rotation.
 */
public final class TrustedKeys {

    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static TrustedKeys of(PublicKey... keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            byId.put(Ed25519Keys.keyId(key), key);
        }
        return new TrustedKeys(byId);
    }

    public Set<String> keyIds() {
        return byId.keySet();
    }

    public boolean knows(String keyId) {
        return byId.containsKey(keyId);
    }

    /** Whether {@code signatureBase64} is a valid signature of {@code hashHex} by key {@code keyId}. */
    public boolean verify(String keyId, String hashHex, String signatureBase64) {
        PublicKey key = byId.get(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(hashHex.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
