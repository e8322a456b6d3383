package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded super-admin {@code admin} for machines without an IdP. Only a slow hash of
 * its password stays in memory; a generated password is shown once, at start.
 */
@Singleton
@Requires(property = "liberator.admin.enabled", notEquals = "false")
final class LocalAdmin {

    static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(LocalAdmin.class);

    private final PasswordHash hash;

    LocalAdmin(AdminSettings settings) {
        SecureRandom random = new SecureRandom();
        String password = settings.password();
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Shown exactly once so the operator of a fresh local stack can sign in; never logged again.
            LOG.warn("""

                    ================================================================
                     No LIBERATOR_ADMIN_PASSWORD set: generated a password for 'admin'
                       {}
                     It is shown only now. Set LIBERATOR_ADMIN_PASSWORD to choose one.
                    ================================================================""", password);
        }
        this.hash = PasswordHash.of(password, settings.hashIterations(), random);
    }

    boolean accepts(String username, String password) {
        boolean passwordOk = hash.matches(password);
        return USERNAME.equals(username) && passwordOk;
    }
}
