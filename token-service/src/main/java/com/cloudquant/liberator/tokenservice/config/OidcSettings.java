package com.cloudquant.liberator.tokenservice.config;

import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Sign-in through an OpenID Connect IdP: API callers send its access tokens as
 * {@code Authorization: Bearer <jwt>}; Micronaut's JWT validator checks them against the IdP's JWKS
 * ({@code IdpKeys}), {@code SessionOrIdpJwtAuthentication} holds them to this issuer and audience.
 *
 * @param issuer         the IdP's issuer URL; tokens must carry exactly this {@code iss}
 * @param jwksUrl        where the signing keys are; {@code jwks_uri} of the issuer's discovery document when unset
 * @param audience       required {@code aud} value; required whenever {@code issuer} is set, or
 *                       a token the IdP issued to any other application would sign in here
 * @param rolesClaim     claim holding the user's roles or groups (string or array)
 * @param usernameClaim  claim recorded as the actor; {@code sub} when the token lacks it
 * @param superAdminRole claim value that grants {@code super-admin} (by default the role's own name)
 * @param auditorRole    claim value that grants {@code auditor}
 */
@Context // eager: an IdP without a required audience must stop start-up, not the first sign-in
@ConfigurationProperties("liberator.oidc")
public record OidcSettings(
        @Nullable String issuer,
        @Nullable String jwksUrl,
        @Nullable String audience,
        @Bindable(defaultValue = "roles") @NotBlank(message = "liberator.oidc.roles-claim must not be blank") String rolesClaim,
        @Bindable(defaultValue = "preferred_username") @NotBlank(message = "liberator.oidc.username-claim must not be blank") String usernameClaim,
        @Bindable(defaultValue = Roles.SUPER_ADMIN) @NotBlank(message = "liberator.oidc.super-admin-role must not be blank") String superAdminRole,
        @Bindable(defaultValue = Roles.AUDITOR) @NotBlank(message = "liberator.oidc.auditor-role must not be blank") String auditorRole) {

    public OidcSettings {
        requireHttpUrl("liberator.oidc.issuer", issuer);
        requireHttpUrl("liberator.oidc.jwks-url", jwksUrl);
        if (issuer != null && (audience == null || audience.isBlank())) {
            throw new IllegalArgumentException("liberator.oidc.audience is required with liberator.oidc.issuer: set it to the "
                    + "audience your IdP writes into access tokens for this service (its client id or API identifier); "
                    + "without it a token the IdP issued to any other application would sign in here");
        }
    }

    /** A typo in a URL stops the start here, not at the first sign-in. */
    private static void requireHttpUrl(String setting, @Nullable String value) {
        if (value == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException(setting + " must be an http(s) URL, not '" + value + "'");
        }
    }
}
