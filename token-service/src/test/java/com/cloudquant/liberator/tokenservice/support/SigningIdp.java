package com.cloudquant.liberator.tokenservice.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OIDC provider over HTTP (MockOAuth2Server) whose signing keys the test holds too, so it can
 * write any token the IdP could sign, and the settings that make a token-service trust its realm
 * {@value #REALM}: audience {@code liberator}, roles in {@code groups}, super-admins in
 * {@code liberator-admins}, auditors in {@code liberator-auditors}.
 */
public final class SigningIdp implements AutoCloseable {

    public static final String REALM = "corp";

    private final KeyProvider keys = new KeyProvider();
    private final MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(keys)));

    private SigningIdp() {
    }

    public static SigningIdp start() {
        SigningIdp idp = new SigningIdp();
        idp.server.start();
        return idp;
    }

    public MockOAuth2Server server() {
        return server;
    }

    /** The trusted realm's issuer URL. */
    public String issuer() {
        return server.issuerUrl(REALM).toString();
    }

    /** The key {@code realm} signs with (published in its JWKS). */
    public RSAKey key(String realm) {
        return (RSAKey) keys.signingKey(realm);
    }

    /** {@code settings} plus the {@code liberator.oidc.*} keys that trust the realm, and the session secret. */
    public Map<String, Object> trustedBy(Map<String, Object> settings, String sessionSecret) {
        MonitoredSettings.trusting(settings, server, "liberator");
        settings.put("liberator.oidc.super-admin-role", "liberator-admins");
        settings.put("liberator.oidc.auditor-role", "liberator-auditors");
        settings.put("micronaut.security.token.jwt.signatures.secret.generator.secret", sessionSecret);
        return settings;
    }

    /** What the realm writes into a super-admin's access token; each test takes one thing away or adds one. */
    public JWTClaimsSet.Builder adminClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience("liberator").subject("mallory-subject")
                .claim("preferred_username", "mallory").claim("groups", List.of("liberator-admins"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** {@code claims} signed RS256 with {@code key}, its key id in the header. */
    public static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
