package com.cloudquant.liberator.tokenservice.security;

/**
 * The two roles of the admin API and the page, the one place their names are written: the
 * sign-in paths grant them ({@link LocalAdminAuthenticationProvider}, {@link OidcIdentity}) and
 * every {@code @Secured} names them.
 */
public final class Roles {
    /** Issues, revokes, rotates the signing key, previews scopes, and reads everything. */
    public static final String SUPER_ADMIN = "super-admin";
    /** Reads the token list, the audit view and System Monitoring; changes nothing. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
