package com.cloudquant.liberator.tokenservice.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The browser's authorization-code login through the IdP client named {@code liberator}:
 * the same name and roles as an API bearer token gets, then the page's session cookie.
 */
@Singleton
@Named("liberator")
@Requires(property = "micronaut.security.oauth2.clients.liberator.client-id")
final class OidcBrowserLoginMapper implements OpenIdAuthenticationMapper {

    private final OidcIdentity identity;

    OidcBrowserLoginMapper(OidcIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName, OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims openIdClaims, @Nullable State state) {
        var claims = openIdClaims.getClaims();
        return Mono.just(AuthenticationResponse.success(identity.name(claims), identity.roles(claims)));
    }
}
