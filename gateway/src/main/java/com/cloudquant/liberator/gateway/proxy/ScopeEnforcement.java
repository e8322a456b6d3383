package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.projection.ActiveToken;
import io.micronaut.http.MutableHttpResponse;

/**
 * The {@code X-Liberator-Scope} response header: every answer to a scoped token, forwarded or the
 * gateway's own, names the scope that was applied ({@link ActiveToken#scope()}), so a user can see
 * why a panel is empty. What the scope does to the request itself is {@link ScopedForwarder}'s.
 */
final class ScopeEnforcement {

    /** Names the scope applied to an answer (never the token): why a scoped panel is empty or refused. */
    static final String HEADER = "X-Liberator-Scope";

    private ScopeEnforcement() {
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
