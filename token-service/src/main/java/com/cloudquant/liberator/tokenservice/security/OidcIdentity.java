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

    private final OidcSettings settings;

    OidcIdentity(OidcSettings settings) {
        this.settings = settings;
    }

    String name(Map<String, Object> claims) {
        Object name = claims.get(settings.usernameClaim());
        return name instanceof String s && !s.isBlank() ? s : String.valueOf(claims.get("sub"));
    }

    List<String> roles(Map<String, Object> claims) {
        Object claim = claims.get(settings.rolesClaim());
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        List<String> roles = new ArrayList<>();
        if (values.contains(settings.superAdminRole())) {
            roles.add("super-admin");
        }
        if (values.contains(settings.auditorRole())) {
            roles.add("auditor");
        }
        return roles;
    }
}
