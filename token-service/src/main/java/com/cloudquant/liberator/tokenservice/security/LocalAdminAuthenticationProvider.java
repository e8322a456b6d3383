package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.events.Printable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.net.InetAddress;
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
    private final ClientAddresses clients;

    LocalAdminAuthenticationProvider(LocalAdmin admin, LoginThrottle throttle, ClientAddresses clients) {
        this.admin = admin;
        this.throttle = throttle;
        this.clients = clients;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        InetAddress client = clients.of(request);
        String user = credentials.getIdentity();
        LoginThrottle.Outcome outcome = throttle.attempt(client, user, () -> admin.accepts(user, credentials.getSecret()));
        if (outcome instanceof LoginThrottle.Outcome.Accepted) {
            return AuthenticationResponse.success(LocalAdmin.USERNAME, List.of(Roles.SUPER_ADMIN));
        }
        if (outcome instanceof LoginThrottle.Outcome.Throttled throttled) {
            LOG.warn("decision=sign-in-throttled user={} client={} retry_after={}",
                    Printable.value(user), client.getHostAddress(), throttled.retryAfter());
            if (request != null) {
                LoginThrottleFilter.markThrottled(request, throttled.retryAfter());
            }
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        LOG.warn("decision=sign-in-refused user={} client={}", Printable.value(user), client.getHostAddress());
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
