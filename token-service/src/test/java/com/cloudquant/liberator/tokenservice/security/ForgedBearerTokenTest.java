package com.cloudquant.liberator.tokenservice.security;

import static com.cloudquant.liberator.tokenservice.support.SigningIdp.signed;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.SigningIdp;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens an attacker can make, against a real OIDC provider over HTTP: each is refused with 401,
 * while the IdP's own tokens and the page's session JWT sign in. The service trusts the IdP's keys
 * twice over (the bearer settings and the browser login's client), the widest set of keys it can hold.
 */
class ForgedBearerTokenTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String SESSION_SECRET = "a-session-secret-of-the-test-only-0123456789";
    private static final String API = "/api/v1/tokens";

    @TempDir
    static Path keys;

    static SigningIdp corp;
    static MockOAuth2Server idp;
    static TokenServiceInstance service;
    static String issuer;

    @BeforeAll
    static void start() {
        corp = SigningIdp.start();
        idp = corp.server();
        issuer = corp.issuer();
        Map<String, Object> settings = idpSettings("tokens-forged");
        settings.put("micronaut.security.oauth2.clients.liberator.client-id", "liberator-page");
        settings.put("micronaut.security.oauth2.clients.liberator.client-secret", "page-secret");
        settings.put("micronaut.security.oauth2.clients.liberator.openid.issuer", issuer);
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
        corp.close();
    }

    private static Map<String, Object> idpSettings(String topic) {
        return corp.trustedBy(TokenServiceInstance.settings(KAFKA.bootstrapServers(), KAFKA.createTokenTopic(topic),
                keys.resolve(topic)), SESSION_SECRET);
    }

    private static JWTClaimsSet.Builder adminClaims() {
        return corp.adminClaims();
    }

    private static RSAKey idpKey() {
        return corp.key(SigningIdp.REALM);
    }

    private static String hmac(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static int statusWith(TokenServiceInstance on, String jwt) {
        return on.get(API, bearer(jwt)).statusCode();
    }

    @Test
    void theIdpsOwnTokenSignsIn() throws Exception {
        assertThat(statusWith(service, signed(idpKey(), adminClaims().build()))).isEqualTo(200);
    }

    @Test
    void aTokenSignedByAKeyOutsideTheJwksIsUnauthorizedEvenUnderTheIdpsKeyId() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(idpKey().getKeyID()).generate();

        assertThat(statusWith(service, signed(stranger, adminClaims().build()))).isEqualTo(401);
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        assertThat(statusWith(service, new PlainJWT(adminClaims().build()).serialize())).isEqualTo(401);
    }

    /** The old key-confusion attack: the IdP's public key, which anyone can read from its JWKS, as an HMAC secret. */
    @Test
    void hs256SignedWithTheIdpsPublicKeyIsUnauthorized() throws Exception {
        byte[] der = idpKey().toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String jwks = idpKey().toPublicJWK().toJSONString();

        for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII), jwks.getBytes(StandardCharsets.UTF_8))) {
            assertThat(statusWith(service, hmac(secret, adminClaims().build()))).isEqualTo(401);
        }
    }

    /** The IdP is trusted for its own issuer only: its key cannot vouch for a session of this service. */
    @Test
    void aSessionIssuerTokenSignedByTheIdpCannotClaimSuperAdmin() throws Exception {
        JWTClaimsSet session = adminClaims().issuer("token-service").audience(List.of()).subject("mallory")
                .claim("roles", List.of(Roles.SUPER_ADMIN)).build();

        assertThat(statusWith(service, signed(idpKey(), session))).isEqualTo(401);
        assertThat(service.post(API, "{\"consumer\":\"forged-session\"}", bearer(signed(idpKey(), session))).statusCode())
                .isEqualTo(401);
    }

    /**
     * Nobody but this service holds the session secret, and it writes only its own issuer; even with the
     * secret an IdP identity cannot be minted: IdP tokens must be signed by a key of the IdP's JWKS.
     */
    @Test
    void anIdpIssuerTokenSignedWithTheSessionSecretIsUnauthorized() throws Exception {
        assertThat(statusWith(service, hmac(SESSION_SECRET.getBytes(StandardCharsets.UTF_8), adminClaims().build())))
                .isEqualTo(401);
    }

    @Test
    void anIdpTokenWithoutExpiryIsUnauthorized() throws Exception {
        assertThat(statusWith(service, signed(idpKey(), adminClaims().expirationTime(null).build()))).isEqualTo(401);
    }

    @Test
    void anIdpTokenThatExpiredMinutesAgoIsUnauthorized() throws Exception {
        Date past = Date.from(Instant.now().minus(Duration.ofMinutes(5)));

        assertThat(statusWith(service, signed(idpKey(), adminClaims().expirationTime(past).build()))).isEqualTo(401);
    }

    @Test
    void anIdpTokenForAnotherAudienceOrWithoutSubjectIsUnauthorized() throws Exception {
        assertThat(statusWith(service, signed(idpKey(), adminClaims().audience("billing-app").build()))).isEqualTo(401);
        assertThat(statusWith(service, signed(idpKey(), adminClaims().subject(null).build()))).isEqualTo(401);
    }

    /** The page's session JWT is a bearer token of this service: a script may send it as one. */
    @Test
    void theSessionCookiesJwtSentAsABearerTokenSignsIn() {
        HttpResponse<String> login = service.postForm("/login", "username=admin&password="
                + URLEncoder.encode(TokenServiceInstance.ADMIN_PASSWORD, StandardCharsets.UTF_8));
        String jwt = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT="))
                .findFirst().orElseThrow().split(";")[0].substring("JWT=".length());

        assertThat(statusWith(service, jwt)).isEqualTo(200);
    }

    /**
     * A secret sent here by mistake (a gateway token) is refused, and never forwarded: the IdP's userinfo
     * endpoint would have answered for any token it issued, to whatever application.
     */
    @Test
    void aBearerTokenThatIsNoJwtOfOursIsUnauthorizedAndNeverSentToTheIdp() {
        String gatewayToken = service.issue("sent-to-the-wrong-service").get("token").asText();
        String forAnotherApp = idp.issueToken("corp", "alice-subject", "billing-app",
                Map.of("preferred_username", "alice", "groups", List.of("liberator-admins")), 300).serialize();

        int gatewayTokenStatus = statusWith(service, gatewayToken);
        int forAnotherAppStatus = statusWith(service, forAnotherApp);
        List<String> seenByTheIdp = new ArrayList<>();
        for (RecordedRequest request = nextRequestAtTheIdp(); request != null; request = nextRequestAtTheIdp()) {
            // OkHttp's Headers.toString() hides Authorization; its value is what must not be there
            seenByTheIdp.add(request.getRequestLine() + " " + request.getHeader("Authorization"));
        }

        assertThat(seenByTheIdp).noneMatch(seen -> seen.contains(gatewayToken) || seen.contains(forAnotherApp));
        assertThat(gatewayTokenStatus).isEqualTo(401);
        assertThat(forAnotherAppStatus).isEqualTo(401);
    }

    private static RecordedRequest nextRequestAtTheIdp() {
        try {
            return idp.takeRequest(200, TimeUnit.MILLISECONDS);
        } catch (RuntimeException none) {
            return null;
        }
    }

    /** Bearer sign-in alone, keys at a configured JWKS URL, no browser-login client. */
    @Test
    void withOnlyTheIssuerAndJwksUrlTheIdpsTokensSignInAndForgedOnesDoNot() throws Exception {
        Map<String, Object> settings = idpSettings("tokens-bearer-only");
        settings.put("liberator.oidc.jwks-url", idp.jwksUrl("corp").toString());

        try (TokenServiceInstance bearerOnly = TokenServiceInstance.start(settings)) {
            JWTClaimsSet session = adminClaims().issuer("token-service").subject("mallory")
                    .claim("roles", List.of(Roles.SUPER_ADMIN)).build();
            assertThat(statusWith(bearerOnly, signed(idpKey(), adminClaims().build()))).isEqualTo(200);
            assertThat(statusWith(bearerOnly, signed(idpKey(), session))).isEqualTo(401);
            assertThat(statusWith(bearerOnly, signed(idpKey(), adminClaims().expirationTime(null).build()))).isEqualTo(401);
        }
    }
}
