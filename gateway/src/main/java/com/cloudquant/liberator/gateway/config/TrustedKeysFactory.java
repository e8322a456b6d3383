package com.cloudquant.liberator.gateway.config;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.TrustedKeys;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;

/** Beans derived from configuration that fail start-up, naming the key, when wrong. */
@Factory
class TrustedKeysFactory {

    @Singleton
    TrustedKeys trustedKeys(SigningProperties signing) {
        List<String> files = signing.publicKeyFiles();
        PublicKey[] keys = new PublicKey[files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path file = Path.of(files.get(i));
            try {
                keys[i] = Ed25519Keys.readPublicKey(file);
            } catch (RuntimeException e) {
                throw new ConfigurationException("liberator.signing.public-key-files[" + i + "]: cannot use " + file
                        + " (" + e.getMessage() + "); point it at the token-service's Ed25519 public key PEM", e);
            }
        }
        return TrustedKeys.of(keys);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
