package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a JWT that Micronaut's validator accepted belongs to, and whether the key that signed it may speak
 * for its issuer. Micronaut accepts a token that any one of its signatures verifies (the session secret,
 * the IdP's JWKS: {@link IdpKeys}, and the browser login's), and its claim validators see claims only:
 * {@code ExpirationJwtClaimsValidator} passes a token without {@code exp}, {@code IssuerJwtClaimsValidator}
 * matches one issuer loosely, {@code AudienceJwtClaimsValidator} would hold every token to one audience.
 * So the rules per issuer are here, and a token that breaks one is refused (401):
 * <ul>
 * <li>{@code iss} = the application name: this service's session JWT (the page's cookie, or the same JWT
 * as a bearer token), verified again with the session secret, so no IdP key vouches for a session;
 * roles as this service issued them.
 * <li>{@code iss} = {@code liberator.oidc.issuer} exactly: signed with an asymmetric key (only the IdP's
 * JWKS verifies those; the session secret is HMAC), with {@code exp} and {@code liberator.oidc.audience};
 * roles mapped by {@link OidcIdentity}.
 * </ul>
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class SessionOrIdpJwtAuthentication implements JwtAuthenticationFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOrIdpJwtAuthentication.class);

    private final OidcSettings settings;
    private final OidcIdentity identity;
    private final String sessionIssuer;
    private final SignatureConfiguration sessionSecret;

    SessionOrIdpJwtAuthentication(OidcSettings settings, OidcIdentity identity,
                                  @Value("${micronaut.application.name}") String sessionIssuer,
                                  @Named("generator") SignatureConfiguration sessionSecret) {
        this.settings = settings;
        this.identity = identity;
        this.sessionIssuer = sessionIssuer;
        this.sessionSecret = sessionSecret;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        String issuer = claims.getIssuer();
        if (sessionIssuer.equals(issuer)) {
            return signedBySessionSecret(token) ? Optional.of(session(claims))
                    : refused(claims, "a session token not signed with the session secret");
        }
        if (issuer == null || !issuer.equals(settings.issuer())) {
            return refused(claims, "issuer is neither this service nor liberator.oidc.issuer");
        }
        if (!(token instanceof SignedJWT signed) || JWSAlgorithm.Family.HMAC_SHA.contains(signed.getHeader().getAlgorithm())) {
            return refused(claims, "an IdP token not signed with a key of the IdP's key set");
        }
        if (claims.getExpirationTime() == null) {
            return refused(claims, "an IdP token without exp");
        }
        if (!claims.getAudience().contains(settings.audience())) {
            return refused(claims, "aud is not liberator.oidc.audience");
        }
        return Optional.of(Authentication.build(identity.name(claims.getClaims()), identity.roles(claims.getClaims())));
    }

    private boolean signedBySessionSecret(JWT token) {
        try {
            return token instanceof SignedJWT signed && sessionSecret.verify(signed);
        } catch (JOSEException e) {
            return false;
        }
    }

    private static Authentication session(JWTClaimsSet claims) {
        Object roles = claims.getClaim("roles");
        List<String> granted = roles instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
        return Authentication.build(claims.getSubject(), granted);
    }

    /** A token with a valid signature that breaks a rule: worth a line, it was made by someone holding a key. */
    private static Optional<Authentication> refused(JWTClaimsSet claims, String reason) {
        LOG.warn("decision=bearer-refused reason=\"{}\" iss={} sub={}", reason,
                Printable.value(claims.getIssuer()), Printable.value(claims.getSubject()));
        return Optional.empty();
    }
}
