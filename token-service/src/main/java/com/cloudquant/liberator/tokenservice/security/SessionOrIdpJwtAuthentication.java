package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a JWT that Micronaut's validator accepted belongs to. Two kinds pass: this service's
 * own session JWT (the page's cookie; signed with the session secret, {@code iss} = the
 * application name), roles as issued; and a token of the configured IdP, its role
 * claim mapped and the audience checked. Any other issuer is refused, so an IdP token never
 * passes with roles it was not given.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class SessionOrIdpJwtAuthentication implements JwtAuthenticationFactory {

    private final OidcSettings settings;
    private final OidcIdentity identity;
    private final String sessionIssuer;

    SessionOrIdpJwtAuthentication(OidcSettings settings, OidcIdentity identity,
                                  @Value("${micronaut.application.name}") String sessionIssuer) {
        this.settings = settings;
        this.identity = identity;
        this.sessionIssuer = sessionIssuer;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        Map<String, Object> all = claims.getClaims();
        if (sessionIssuer.equals(claims.getIssuer()) && claims.getSubject() != null) {
            Object roles = all.get("roles");
            List<String> granted = roles instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
            return Optional.of(Authentication.build(claims.getSubject(), granted));
        }
        if (settings.issuer() != null && settings.issuer().equals(claims.getIssuer())
                && (settings.audience() == null || claims.getAudience().contains(settings.audience()))) {
            return Optional.of(Authentication.build(identity.name(all), identity.roles(all)));
        }
        return Optional.empty();
    }
}
