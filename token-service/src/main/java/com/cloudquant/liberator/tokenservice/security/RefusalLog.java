package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.events.Printable;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micronaut's answer to a request it refuses (401, 403, or the page's redirect to sign-in), plus one
 * log line saying so: a bearer token that fails its signature is otherwise refused without a trace
 * here. The line names what the caller presented (a bearer token, the session cookie, nothing),
 * never its value.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class RefusalLog extends DefaultAuthorizationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final ClientAddresses clients;
    private final String sessionCookie;

    RefusalLog(ErrorResponseProcessor<?> errors, RedirectConfiguration redirects, RedirectService redirectService,
               List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challenges,
               @Nullable PriorToLoginPersistence priorToLogin, ClientAddresses clients, AccessTokenCookieConfiguration cookie) {
        super(errors, redirects, redirectService, challenges, priorToLogin);
        this.clients = clients;
        this.sessionCookie = cookie.getCookieName();
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        MutableHttpResponse<?> response = super.handle(request, exception);
        String user = exception.getAuthentication() == null ? "-" : Printable.value(exception.getAuthentication().getName());
        LOG.info("decision=request-refused status={} method={} path={} presented={} user={} client={}", response.code(),
                request.getMethod(), Printable.value(request.getPath()), presented(request), user,
                clients.of(request).getHostAddress());
        return response;
    }

    private String presented(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? "bearer" : "other-authorization";
        }
        return request.getCookies().contains(sessionCookie) ? "session-cookie" : "nothing";
    }
}
