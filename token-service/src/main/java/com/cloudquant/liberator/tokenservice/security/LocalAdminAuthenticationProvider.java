package com.cloudquant.liberator.tokenservice.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Username/password sign-in (HTTP Basic, and the page's form login) for the local admin. */
@Singleton
@Requires(beans = LocalAdmin.class)
final class LocalAdminAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAdminAuthenticationProvider.class);

    private final LocalAdmin admin;
    private final LoginThrottle throttle;

    LocalAdminAuthenticationProvider(LocalAdmin admin, LoginThrottle throttle) {
        this.admin = admin;
        this.throttle = throttle;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String client = ClientAddress.of(request);
        if (throttle.retryAfter(client).isPresent()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        if (admin.accepts(credentials.getIdentity(), credentials.getSecret())) {
            throttle.succeeded(client);
            return AuthenticationResponse.success(LocalAdmin.USERNAME, List.of("super-admin"));
        }
        throttle.failed(client);
        LOG.warn("decision=sign-in-refused user={} client={}", printable(credentials.getIdentity()), client);
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    private static String printable(String user) {
        return user == null ? "" : user.replaceAll("[^A-Za-z0-9._@-]", "?");
    }
}
