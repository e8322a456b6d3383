package com.cloudquant.liberator.tokenservice.config;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the signing key pair, or creates it on a local stack's first start. */
final class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static EventSigner load(SigningSettings settings) {
        Path privateKey = Path.of(settings.privateKeyFile());
        Path publicKey = Path.of(settings.publicKeyFile());
        boolean present = Files.exists(privateKey) && Files.exists(publicKey);
        if (!present && Files.exists(privateKey) != Files.exists(publicKey)) {
            throw new IllegalStateException("only one of liberator.signing.private-key-file (" + privateKey
                    + ") and liberator.signing.public-key-file (" + publicKey + ") exists: restore the other file;"
                    + " a new pair would not verify the events already in the log");
        }
        if (!present && !settings.generateIfMissing()) {
            throw new IllegalStateException("no signing key at liberator.signing.private-key-file=" + privateKey
                    + ": provide the Ed25519 PEM pair, or set liberator.signing.generate-if-missing=true on a local stack");
        }
        KeyPair pair;
        if (present) {
            pair = new KeyPair(Ed25519Keys.readPublicKey(publicKey), Ed25519Keys.readPrivateKey(privateKey));
        } else {
            pair = Ed25519Keys.generateInto(privateKey, publicKey);
            LOG.warn("decision=signing-key-generated publicKeyFile={} keyId={}", publicKey, Ed25519Keys.keyId(pair.getPublic()));
        }
        EventSigner signer = new EventSigner(pair);
        LOG.info("decision=signing-key-loaded keyId={}", signer.keyId());
        return signer;
    }
}
