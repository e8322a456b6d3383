package com.cloudquant.liberator.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs event hashes with the token-service's Ed25519 private key. Only the
 * token-service holds one.
 */
public final class EventSigner {

    private final KeyPair keyPair;
    private final String keyId;

    public EventSigner(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = Ed25519Keys.keyId(keyPair.getPublic());
    }

    /** Id of the public key that verifies this signer's signatures. */
    public String keyId() {
        return keyId;
    }

    /** The verifying side of this signer. */
    public TrustedKeys trustedKeys() {
        return TrustedKeys.of(keyPair.getPublic());
    }

    /** Base64 Ed25519 signature over the ASCII bytes of {@code hashHex}. */
    public String sign(String hashHex) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keyPair.getPrivate());
            signature.update(hashHex.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
