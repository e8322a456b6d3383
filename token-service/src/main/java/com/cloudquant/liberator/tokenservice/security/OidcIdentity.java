package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Who an IdP says a user is: the configured name claim and the two roles from the roles claim. */
@Singleton
final class OidcIdentity {

    private static final String NAMESPACE = "oidc:";

    private final OidcSettings settings;

    OidcIdentity(OidcSettings settings) {
        this.settings = settings;
    }

    /**
     * The actor recorded for this user. An IdP name that could pass for the embedded {@code admin} (or that
     * looks namespaced already) is recorded as {@code oidc:<name>}, so an IdP account never reads as the local
     * admin in the audit log, and distinct accounts stay distinct.
     */
    String name(Map<String, Object> claims) {
        Object claimed = claims.get(settings.usernameClaim());
        String name = claimed instanceof String s && !s.isBlank() ? s : String.valueOf(claims.get("sub"));
        return name.strip().equalsIgnoreCase(LocalAdmin.USERNAME) || name.startsWith(NAMESPACE) ? NAMESPACE + name : name;
    }

    List<String> roles(Map<String, Object> claims) {
        Object claim = claims.get(settings.rolesClaim());
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        List<String> roles = new ArrayList<>();
        if (values.contains(settings.superAdminRole())) {
            roles.add(Roles.SUPER_ADMIN);
        }
        if (values.contains(settings.auditorRole())) {
            roles.add(Roles.AUDITOR);
        }
        return roles;
    }
}
