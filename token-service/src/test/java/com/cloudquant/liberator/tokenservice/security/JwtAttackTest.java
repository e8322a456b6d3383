package com.cloudquant.liberator.tokenservice.security;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.SigningIdp;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * JWTs an attacker would try, over HTTP against a started service and a real OIDC provider (two realms on
 * one MockOAuth2Server: the trusted {@code corp} and an {@code other} one whose keys the attacker may use).
 * Each is refused (401, or 403 where it signs in without a role); no log line holds a token sent, no
 * refusal is a 500 or a stack trace.
 */
class JwtAttackTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static final String SESSION_SECRET = "a-session-secret-of-the-attack-test-0123456789";
    static final String API = "/api/v1/tokens";
    static final String MICRONAUT_CLAIMS_PARSE_FAILURE = "Failed to retrieve the claims set";

    @TempDir
    static Path keys;

    static SigningIdp corp;
    static MockOAuth2Server idp;
    static TokenServiceInstance service;
    static String issuer;
    static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() {
        corp = SigningIdp.start();
        idp = corp.server();
        issuer = corp.issuer();
        Map<String, Object> settings = corp.trustedBy(TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-attacks"), keys.resolve("attacks")), SESSION_SECRET);
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
        corp.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ROOT.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ROOT.detachAppender(logs);
    }

    static JWTClaimsSet.Builder adminClaims() {
        return corp.adminClaims();
    }

    static RSAKey idpKey() {
        return corp.key(SigningIdp.REALM);
    }

    static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return SigningIdp.signed(key, claims);
    }

    /** Signs any payload text, so a test can write claims no JWT library would (duplicates, odd types). */
    static String signed(RSAKey key, JWSHeader header, String payload) throws JOSEException {
        JWSObject jws = new JWSObject(header, new Payload(payload));
        jws.sign(new RSASSASigner(key));
        return jws.serialize();
    }

    static long epoch(Duration fromNow) {
        return Instant.now().plus(fromNow).getEpochSecond();
    }

    /** Sends the token, asserts the status, and that nothing the service logged holds the token or a stack trace. */
    void assertStatus(String jwt, int expected) {
        int status = service.get(API, bearer(jwt)).statusCode();
        assertThat(status).as("status for a token of %d characters", jwt.length()).isEqualTo(expected);
        assertLogsClean(jwt);
    }

    void assertLogsClean(String secret) {
        String signature = secret.substring(secret.lastIndexOf('.') + 1);
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(secret).doesNotContain(SESSION_SECRET);
            if (signature.length() > 16) {
                assertThat(line).doesNotContain(signature);
            }
            // Micronaut's validator logs a claims set it cannot parse with its stack trace; it parses claims only
            // after a signature verified, so only the IdP (or the session secret) can cause that line
            if (!event.getFormattedMessage().equals(MICRONAUT_CLAIMS_PARSE_FAILURE)) {
                assertThat(event.getThrowableProxy()).as("a stack trace in: %s", line).isNull();
            }
        }
    }

    List<String> refusals() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("decision=bearer-refused")).toList();
    }

    @Test
    void theIdpsOwnTokenStillSignsIn() throws Exception {
        assertStatus(signed(idpKey(), adminClaims().build()), 200);
    }

    /** Micronaut's issuer validator would match loosely; here the issuer must be the configured one exactly. */
    @Test
    void anIssuerThatIsNearlyTheIdpsIsUnauthorizedAndTheRefusalIsLogged() throws Exception {
        URI real = URI.create(issuer);
        List<String> nearly = List.of(issuer + "/", issuer.replaceFirst("^http:", "https:"), issuer.toUpperCase(),
                issuer.replace("corp", "CORP"), issuer + "x", issuer + "/corp", "http://evil.example" + real.getPath(),
                "x" + issuer, issuer.substring(0, issuer.length() - 1), issuer + " ", issuer + "\u0000",
                // what an ends-with match would take: a tail of the real issuer
                real.getPath(), "corp", real.getAuthority() + real.getPath(), "//" + real.getAuthority() + real.getPath());
        for (String iss : nearly) {
            assertStatus(signed(idpKey(), adminClaims().issuer(iss).build()), 401);
        }
        assertThat(refusals()).hasSize(nearly.size())
                .allSatisfy(line -> assertThat(line).contains("reason=\"issuer is neither this service nor liberator.oidc.issuer\""));
    }

    @Test
    void anIssuerAsAnArrayOrMissingIsUnauthorized() throws Exception {
        assertStatus(signed(idpKey(), adminClaims().claim("iss", List.of(issuer)).build()), 401);
        assertStatus(signed(idpKey(), adminClaims().claim("iss", List.of(issuer, "token-service")).build()), 401);
        assertStatus(signed(idpKey(), adminClaims().issuer(null).build()), 401);
    }

    /** Another realm of the same provider: its tokens carry its own issuer and key; neither passes for corp. */
    @Test
    void aTokenOfAnotherRealmOfTheSameProviderIsUnauthorized() throws Exception {
        String otherRealm = idp.issueToken("other", "mallory-subject", "liberator",
                Map.of("preferred_username", "mallory", "groups", List.of("liberator-admins")), 300).serialize();
        RSAKey otherKey = corp.key("other");

        assertStatus(otherRealm, 401);
        assertStatus(signed(otherKey, adminClaims().build()), 401);
        assertStatus(signed(otherKey, adminClaims().issuer(idp.issuerUrl("other").toString()).build()), 401);
        assertStatus(signed(otherKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID()).build(),
                adminClaims().build().toString()), 401);
    }

    @Test
    void anAudienceThatIsNotOursIsUnauthorizedInEveryShape() throws Exception {
        assertStatus(signed(idpKey(), adminClaims().audience(List.of("billing-app", "liberator")).build()), 200);
        assertStatus(signed(idpKey(), adminClaims().audience(List.of()).build()), 401);
        assertStatus(signed(idpKey(), adminClaims().audience((String) null).build()), 401);
        assertStatus(signed(idpKey(), adminClaims().audience("Liberator").build()), 401);
        assertStatus(signed(idpKey(), adminClaims().audience("liberator ").build()), 401);
        assertStatus(signed(idpKey(), adminClaims().audience("liberator,billing-app").build()), 401);
        assertStatus(signed(idpKey(), adminClaims().claim("aud", Map.of("liberator", true)).build()), 401);
        assertThat(refusals()).anySatisfy(line -> assertThat(line).contains("reason=\"aud is not liberator.oidc.audience\"")
                .contains("sub=mallory-subject"));
    }

    @Test
    void anExpiryOrStartThatIsNotNowIsUnauthorized() throws Exception {
        String claims = adminClaims().build().toString();
        assertStatus(signed(idpKey(), header(), claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\"")), 401);
        assertStatus(signed(idpKey(), header(), claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":-1")), 401);
        assertStatus(signed(idpKey(), header(), claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":null")), 401);
        assertStatus(signed(idpKey(), adminClaims().notBeforeTime(new Date(epoch(Duration.ofMinutes(5)) * 1000)).build()), 401);
    }

    /**
     * What the IdP signs about time is believed: a far exp or a future iat sign in (the IdP set them). A
     * number past any date is refused, not a 500.
     */
    @Test
    void anExpiryFarAwayOrAnIssueTimeAheadIsTheIdpsCallAndAnAbsurdOneIsNoServerError() throws Exception {
        String claims = adminClaims().build().toString();
        assertStatus(signed(idpKey(), adminClaims().expirationTime(new Date(epoch(Duration.ofDays(3650)) * 1000)).build()), 200);
        assertStatus(signed(idpKey(), adminClaims().issueTime(new Date(epoch(Duration.ofDays(1)) * 1000)).build()), 200);
        int absurd = service.get(API, bearer(signed(idpKey(), header(),
                claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":1e400")))).statusCode();
        assertThat(absurd).isEqualTo(401);
    }

    /** Two values for one claim: the parser must not pick the one a check did not look at. */
    @Test
    void aDuplicatedClaimIsUnauthorized() throws Exception {
        String claims = adminClaims().build().toString();
        assertStatus(signed(idpKey(), header(), claims.replaceFirst("\\{", "{\"aud\":\"billing-app\",")), 401);
        assertStatus(signed(idpKey(), header(), claims.replaceFirst("\\{", "{\"iss\":\"http://evil.example\",")), 401);
    }

    @Test
    void rolesCountOnlyAsTheExactConfiguredValues() throws Exception {
        // the configured claim as one string is one role (OidcSettings: string or array)
        assertStatus(signed(idpKey(), adminClaims().claim("groups", "liberator-admins").build()), 200);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", "liberator-admins,liberator-auditors").build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", List.of(Roles.SUPER_ADMIN, Roles.AUDITOR)).build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", List.of("Liberator-Admins", "liberator-admins-x")).build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", Map.of("liberator-admins", true)).build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", List.of(List.of("liberator-admins"))).build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", null).claim("roles", List.of(Roles.SUPER_ADMIN)).build()), 403);
        assertStatus(signed(idpKey(), adminClaims().claim("groups", List.of("liberator-auditors")).build()), 200);
        String auditor = signed(idpKey(), adminClaims().claim("groups", List.of("liberator-auditors")).build());
        assertThat(service.post(API, "{\"consumer\":\"auditor-tries\"}", bearer(auditor)).statusCode()).isEqualTo(403);
    }

    /** An IdP token in the session cookie is the same identity, never more. */
    @Test
    void anIdpTokenInTheSessionCookieGainsNothing() throws Exception {
        String auditor = signed(idpKey(), adminClaims().claim("groups", List.of("liberator-auditors")).build());
        String forgedSession = signed(idpKey(), adminClaims().issuer("token-service").claim("roles", List.of(Roles.SUPER_ADMIN)).build());
        String otherAudience = signed(idpKey(), adminClaims().audience("billing-app").build());

        assertThat(service.getWithCookie(API, "JWT=" + auditor).statusCode()).isEqualTo(200);
        assertThat(service.getWithCookie("/api/v1/signing-keys", "JWT=" + auditor).statusCode()).isIn(403, 404);
        assertThat(service.getWithCookie(API, "JWT=" + forgedSession).statusCode()).isEqualTo(401);
        assertThat(service.getWithCookie(API, "JWT=" + otherAudience).statusCode()).isEqualTo(401);
        assertLogsClean(auditor);
        assertLogsClean(forgedSession);
    }

    /** An encrypted JWT anyone can make with the IdP's public key, bare or around an IdP-signed one. */
    @Test
    void anEncryptedOrNestedJwtIsUnauthorized() throws Exception {
        JWEObject bare = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                new Payload(adminClaims().build().toString()));
        bare.encrypt(new RSAEncrypter(idpKey().toRSAPublicKey()));
        JWEObject nested = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), new Payload(SignedJWT.parse(signed(idpKey(), adminClaims().build()))));
        nested.encrypt(new RSAEncrypter(idpKey().toRSAPublicKey()));

        assertStatus(bare.serialize(), 401);
        assertStatus(nested.serialize(), 401);
    }

    /** Bigger than any header this service reads: refused before it is parsed, never a 500. */
    @Test
    void anOversizedTokenIsRefused() throws Exception {
        String huge = signed(idpKey(), adminClaims().claim("padding", "x".repeat(64 * 1024)).build());
        String big = signed(idpKey(), adminClaims().claim("padding", "x".repeat(3 * 1024)).build());

        assertThat(service.get(API, bearer(huge)).statusCode()).isIn(400, 401, 413, 431);
        assertStatus(big, 200);
    }

    /** A NUL inside a claim the IdP signed signs in, under an escaped name; a NUL in the compact form is garbage. */
    @Test
    void aTokenWithANulIsNoServerError() throws Exception {
        String nulName = signed(idpKey(), adminClaims().claim("preferred_username", "mal\u0000lory").build());
        String[] parts = signed(idpKey(), adminClaims().build()).split("\\.");
        String nulPayload = parts[0] + "." + Base64URL.encode(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8) + "\u0000") + "." + parts[2];

        assertStatus(nulName, 200);
        assertStatus(nulPayload, 401);
    }

    /** A session JWT is bound to the session secret alone: an HMAC under any other secret is no session. */
    @Test
    void aSessionTokenUnderAnyOtherHmacSecretIsUnauthorized() throws Exception {
        JWTClaimsSet session = new JWTClaimsSet.Builder().issuer("token-service").subject("admin")
                .claim("roles", List.of(Roles.SUPER_ADMIN)).expirationTime(new Date(epoch(Duration.ofMinutes(5)) * 1000)).build();
        byte[] der = idpKey().toRSAPublicKey().getEncoded();
        for (byte[] secret : List.of(der, idpKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                (SESSION_SECRET + "-but-not-the-one-this-service-holds").getBytes(StandardCharsets.UTF_8))) {
            for (JWSAlgorithm alg : Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                SignedJWT jwt = new SignedJWT(new JWSHeader(alg), session);
                jwt.sign(new MACSigner(secret));
                assertStatus(jwt.serialize(), 401);
            }
        }
    }

    /**
     * Signing out clears the cookie; the session JWT itself stays valid until it expires (Micronaut's
     * stateless cookie: no server-side session to end). Whoever copied it before can still use it.
     */
    @Test
    void aSessionJwtCopiedBeforeSignOutStillWorksUntilItExpires() throws Exception {
        String jwt = service.postForm("/login", "username=admin&password="
                + URLEncoder.encode(TokenServiceInstance.ADMIN_PASSWORD, StandardCharsets.UTF_8)).headers()
                .allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst().orElseThrow()
                .split(";")[0].substring("JWT=".length());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String csrf = http.send(java.net.http.HttpRequest.newBuilder(service.uri("/")).header("Cookie", "JWT=" + jwt).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0];
        int signOut = http.send(java.net.http.HttpRequest.newBuilder(service.uri("/logout"))
                .header("Cookie", "JWT=" + jwt + "; " + csrf).header("X-CSRF-Token", csrf.substring("XSRF-TOKEN=".length()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(signOut).isEqualTo(303);
        assertThat(service.getWithCookie(API, "JWT=" + jwt).statusCode()).isEqualTo(200);
        assertStatus(jwt, 200);
        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime()).isBefore(Date.from(Instant.now().plus(Duration.ofHours(2))));
    }

    /** A forged signature is refused like any other bad credential: one line naming what was presented, never its value. */
    @Test
    void aForgedTokenIsRefusedWithOneLogLineThatHoldsNoneOfIt() throws Exception {
        assertStatus(signed(stranger(), adminClaims().build()), 401);
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("decision=request-refused ")).toList())
                .singleElement().asString()
                .contains("status=401", "method=GET", "path=" + API, "presented=bearer", "user=-", "client=127.0.0.1");
    }

    /** Headers that name a key: Micronaut's validator uses only the keys it holds, never one a token brings. */
    @Test
    void aKeyNamedByTheTokenItselfIsNeverUsed() throws Exception {
        RSAKey mallory = stranger();
        URI attackerJwks = URI.create(idp.jwksUrl("other").toString()); // a JWKS an attacker controls: the other realm's
        RSAKey otherKey = corp.key("other");
        JWTClaimsSet session = adminClaims().issuer("token-service").subject("admin").claim("roles", List.of(Roles.SUPER_ADMIN)).build();
        for (JWTClaimsSet claims : List.of(adminClaims().build(), session)) {
            assertStatus(signed(mallory, new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(mallory.toPublicJWK()).build(), claims.toString()), 401);
            assertStatus(signed(mallory, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID())
                    .jwk(mallory.toPublicJWK()).build(), claims.toString()), 401);
            assertStatus(signed(otherKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID())
                    .jwkURL(attackerJwks).build(), claims.toString()), 401);
            assertStatus(signed(otherKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID())
                    .x509CertURL(attackerJwks).jwkURL(attackerJwks).build(), claims.toString()), 401);
        }
        assertThat(new JWKSet(idpKey()).getKeyByKeyId(otherKey.getKeyID())).isNull();
    }

    /** A critical header this service does not understand makes the signature unacceptable (RFC 7515 4.1.11). */
    @Test
    void anUnknownCriticalHeaderIsUnauthorized() throws Exception {
        JWSHeader crit = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID()).type(JOSEObjectType.JWT)
                .criticalParams(Set.of("exp-checked-elsewhere")).customParam("exp-checked-elsewhere", true).build();
        assertStatus(signed(idpKey(), crit, adminClaims().build().toString()), 401);
    }

    /** alg confusion: the IdP's public key (in every encoding anyone can read) as an HMAC secret, and alg none. */
    @Test
    void hmacWithTheIdpsPublicKeyAndAlgNoneAreUnauthorized() throws Exception {
        byte[] der = idpKey().toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        List<byte[]> encodings = List.of(der, pem.getBytes(StandardCharsets.US_ASCII), pem.strip().getBytes(StandardCharsets.US_ASCII),
                idpKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), idpKey().getModulus().decode(),
                idpKey().getModulus().toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] secret : encodings) {
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(idpKey().getKeyID()).build(), adminClaims().build());
                jwt.sign(new MACSigner(secret));
                assertStatus(jwt.serialize(), 401);
            }
        }
        String payload = Base64URL.encode(adminClaims().build().toString()).toString();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String head = Base64URL.encode("{\"alg\":\"" + none + "\",\"kid\":\"" + idpKey().getKeyID() + "\"}").toString();
            String real = signed(idpKey(), adminClaims().build());
            assertStatus(head + "." + payload + ".", 401);
            assertStatus(head + "." + payload + "." + real.substring(real.lastIndexOf('.') + 1), 401);
        }
    }

    /** Claims no parser accepts, under a key the attacker holds: refused before the claims are read, no stack trace. */
    @Test
    void malformedClaimsUnderAForgedSignatureLeaveNoStackTrace() throws Exception {
        String claims = adminClaims().build().toString();
        RSAKey mallory = stranger();
        for (String payload : List.of(claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\""),
                claims.replaceFirst("\\{", "{\"aud\":\"billing-app\","), "[1,2,3]", "not json")) {
            assertStatus(signed(mallory, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID()).build(), payload), 401);
        }
        assertThat(logs.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idpKey().getKeyID()).build();
    }

    static RSAKey stranger() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID("mallory").generate();
    }
}
