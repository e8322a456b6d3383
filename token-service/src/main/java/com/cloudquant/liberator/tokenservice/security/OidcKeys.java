package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Finds the IdP's JWKS: configured, or from its discovery document (fetched when first needed). */
final class OidcKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OidcKeys() {
    }

    static JWKSource<SecurityContext> of(OidcSettings settings) {
        URL jwks = settings.jwksUrl() != null ? url(settings.jwksUrl()) : discover(settings.issuer());
        // nimbus's default 500 ms fetch timeouts are too tight for a busy two-core machine
        return JWKSourceBuilder.create(jwks, new DefaultResourceRetriever(5000, 5000, 512 * 1024)).retrying(true).build();
    }

    private static URL discover(String issuer) {
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode jwksUri = JSON.readTree(response.body()).get("jwks_uri");
            if (response.statusCode() != 200 || jwksUri == null) {
                throw new IllegalStateException(discovery + " answered " + response.statusCode()
                        + " without jwks_uri: check liberator.oidc.issuer or set liberator.oidc.jwks-url");
            }
            return url(jwksUri.asText());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + discovery + " (" + e.getMessage()
                    + "): check liberator.oidc.issuer or set liberator.oidc.jwks-url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + discovery, e);
        }
    }

    private static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalStateException("'" + value + "' is not a URL: fix liberator.oidc.jwks-url / liberator.oidc.issuer", e);
        }
    }
}
