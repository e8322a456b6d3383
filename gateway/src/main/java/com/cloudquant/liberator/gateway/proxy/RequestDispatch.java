package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.limits.QueryLimits;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import com.cloudquant.liberator.gateway.scope.RequestParameters;
import com.cloudquant.liberator.gateway.scope.ScopedEndpoint;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Step 5 for an admitted request: its parameters read once ({@link ClientForm},
 * {@link RequestParameters}) where a scope or the query limits need them, judged by
 * {@link QueryLimits}, then sent upstream: confined to the scope for a scoped token, as it came
 * for an unscoped one (a GET still streamed; a POST's form, read to be judged, sent byte for byte).
 */
@Singleton
final class RequestDispatch {

    private final ScopedForwarder scoped;
    private final UpstreamForwarder forwarder;
    private final QueryLimits limits;
    private final long maxRequestBody;

    RequestDispatch(ScopedForwarder scoped, UpstreamForwarder forwarder, QueryLimits limits, GatewayProperties gateway) {
        this.scoped = scoped;
        this.forwarder = forwarder;
        this.limits = limits;
        this.maxRequestBody = gateway.maxRequestBody();
    }

    Mono<MutableHttpResponse<?>> dispatch(HttpRequest<?> request, RouteDecision decision, ActiveToken token) {
        ScopedEndpoint endpoint = token.isScoped() ? ScopedEndpoint.of(decision.route().name()) : judged(decision);
        if (endpoint == null) {
            return forwarder.forward(request, decision); // an unscoped read no limit judges: streamed as it came
        }
        return ClientForm.read(request, maxRequestBody).flatMap(form -> {
            RequestParameters parameters = RequestParameters.of(endpoint, form.queryString(), form.formBody());
            if (QueryLimits.judges(endpoint)) {
                limits.check(endpoint, parameters, Instant.now(), token.limits());
            }
            if (token.isScoped()) {
                return scoped.forward(request, decision, token, parameters);
            }
            return form.body() == null ? forwarder.forward(request, decision)
                    : forwarder.forward(request, decision, form.body());
        });
    }

    /** The endpoint of a route the query limits judge, or {@code null}. */
    private static ScopedEndpoint judged(RouteDecision decision) {
        ScopedEndpoint endpoint = ScopedEndpoint.find(decision.route().name());
        return endpoint != null && QueryLimits.judges(endpoint) ? endpoint : null;
    }
}
