package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which discovery documents give the IdP's keys (the hostile ones over real HTTP: HostileIdpDiscoveryTest). */
class IdpKeysTest {

    private static final String ISSUER = "https://idp.example.com/realms/corp";

    @Test
    void theIssuersOwnDocumentWithAnHttpsKeySetIsUsed() {
        assertThat(IdpKeys.refusal(ISSUER, ISSUER, ISSUER + "/certs")).isNull();
    }

    @Test
    void anHttpsIssuerWhoseKeysWouldComeOverPlainHttpIsRefused() {
        assertThat(IdpKeys.refusal(ISSUER, ISSUER, "http://idp.example.com/realms/corp/certs"))
                .contains("plain http").contains("http://idp.example.com/realms/corp/certs");
    }

    @Test
    void aDocumentNamingAnotherIssuerOrNoKeySetIsRefused() {
        assertThat(IdpKeys.refusal(ISSUER, ISSUER + "/", ISSUER + "/certs")).contains("names issuer " + ISSUER + "/");
        assertThat(IdpKeys.refusal(ISSUER, ISSUER, null)).contains("jwks_uri null");
    }

    @Test
    void anHttpIssuerMayServeItsKeysOverHttp() {
        assertThat(IdpKeys.refusal("http://127.0.0.1:8080/corp", "http://127.0.0.1:8080/corp", "http://127.0.0.1:8080/corp/jwks"))
                .isNull();
    }
}
