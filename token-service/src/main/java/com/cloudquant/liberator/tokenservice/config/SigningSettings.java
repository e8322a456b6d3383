package com.cloudquant.liberator.tokenservice.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * The Ed25519 key pair that signs every event. Gateways and auditors get the public key.
 *
 * @param privateKeyFile    PKCS#8 PEM private key
 * @param publicKeyFile     X.509 PEM public key
 * @param generateIfMissing create the pair on first start (local stack only)
 */
@ConfigurationProperties("liberator.signing")
public record SigningSettings(
        @NotBlank(message = "set liberator.signing.private-key-file (env LIBERATOR_SIGNING_PRIVATE_KEY_FILE) to the Ed25519 PEM private key")
        String privateKeyFile,
        @NotBlank(message = "set liberator.signing.public-key-file (env LIBERATOR_SIGNING_PUBLIC_KEY_FILE) to the Ed25519 PEM public key")
        String publicKeyFile,
        @Bindable(defaultValue = "false")
        boolean generateIfMissing) {
}
