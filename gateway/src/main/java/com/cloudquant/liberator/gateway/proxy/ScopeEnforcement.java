package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * What a token's scope ({@link ActiveToken#scope()}) does to a request, decided after the route
 * and before anything goes upstream: the one place where queries and {@code match[]} selectors
 * of a scoped token are to be confined to its scope.
 *
 * <p>This replica cannot confine them yet, so it fails closed: every request of a scoped token
 * is refused (403). Forwarded as it came, a scoped token's query would read every series, which
 * is exactly what its scope exists to prevent. Unscoped tokens pass unchanged, as before scopes.
 */
@Singleton
final class ScopeEnforcement {

    /** Names the scope applied to an answer (never the token): why a scoped panel is empty or refused. */
    static final String HEADER = "X-Liberator-Scope";

    /** Passes an unscoped token's request; refuses a scoped token's (see the class comment). */
    void admit(ActiveToken token, RouteDecision decision) {
        if (token.isScoped()) {
            throw new GatewayRejection(HttpStatus.FORBIDDEN, "forbidden",
                    "this token is scoped to " + token.scope().canonical() + " and scoped enforcement is not available"
                            + " on this replica, so it refuses every request of a scoped token rather than answer with"
                            + " data outside the scope; use an unscoped token here, or a gateway version that enforces"
                            + " scopes", "scope_not_enforced");
        }
    }

    /**
     * Labels an answer to {@code token} with its scope; an unscoped token's answer carries no such
     * header, not even one the upstream sent. The canonical form is printable ASCII, so it is a
     * valid header value as it is.
     */
    static void label(MutableHttpResponse<?> response, ActiveToken token) {
        if (token != null && token.isScoped()) {
            response.getHeaders().set(HEADER, token.scope().canonical());
        } else {
            response.getHeaders().remove(HEADER);
        }
    }
}
