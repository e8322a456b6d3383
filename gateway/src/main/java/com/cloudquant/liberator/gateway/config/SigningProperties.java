package com.cloudquant.liberator.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * {@code liberator.signing.*}: the token-service public keys whose signatures the
 * projection accepts. Several keys let a replica read a log written across a key rotation.
 *
 * @param publicKeyFiles PEM files ({@code -----BEGIN PUBLIC KEY-----}, Ed25519)
 */
@ConfigurationProperties("liberator.signing")
public record SigningProperties(@NotEmpty List<String> publicKeyFiles) {
}
