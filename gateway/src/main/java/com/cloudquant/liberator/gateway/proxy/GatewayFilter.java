package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.error.RejectionResponses;
import com.cloudquant.liberator.gateway.limits.TokenRateLimiter;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.projection.TokenHash;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import com.cloudquant.liberator.gateway.route.RouteTable;
import com.cloudquant.liberator.gateway.security.BearerAuthenticator;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.annotation.PreMatching;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The whole public port: every request walks the decision order (docs/gateway.md) and is
 * either answered here or forwarded. Nothing on the public port reaches a controller;
 * the management port (health, metrics) is passed through untouched. It runs before
 * Micronaut matches a route ({@link PreMatching}): a public request is never routed at all.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
final class GatewayFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);
    /** The reason of an answer that came from Prometheus, in {@code liberator_gateway_requests_total}. */
    static final String UPSTREAM = "upstream";

    private final GatewayProperties gateway;
    private final BearerAuthenticator authenticator;
    private final RouteTable routes;
    private final TokenRateLimiter rate;
    private final InFlightLimiter inFlight;
    private final RequestDispatch dispatch;
    private final RequestMetrics metrics;
    private final int managementPort;

    GatewayFilter(GatewayProperties gateway, BearerAuthenticator authenticator, RouteTable routes,
                  TokenRateLimiter rate, InFlightLimiter inFlight, RequestDispatch dispatch, RequestMetrics metrics,
                  @Value("${endpoints.all.port}") int managementPort) {
        this.gateway = gateway;
        this.authenticator = authenticator;
        this.routes = routes;
        this.rate = rate;
        this.inFlight = inFlight;
        this.dispatch = dispatch;
        this.metrics = metrics;
        this.managementPort = managementPort;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    @PreMatching
    Publisher<MutableHttpResponse<?>> filter(HttpRequest<?> request,
                                             FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        if (request.getServerAddress().getPort() == managementPort) {
            return next.proceed();
        }
        try {
            refuseBeforeAuthentication(request);
            TokenHash hash = authenticator.credential(request.getHeaders().getAll(HttpHeaders.AUTHORIZATION), wantsHtml(request));
            ActiveToken token = authenticator.known(hash);
            if (token != null) {
                return forward(request, token);
            }
            // a token this replica has not seen: perhaps issued a moment ago, so read the log up to now first
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            return authenticator.afterCatchUp(hash, loop != null ? loop : Runnable::run)
                    .flatMap(found -> Mono.from(forward(request, found)))
                    .onErrorResume(error -> Mono.just(rejectAndCount(asRejection(error, null, "-"), null, "-")));
        } catch (RuntimeException error) {
            return Mono.just(rejectAndCount(asRejection(error, null, "-"), null, "-"));
        }
    }

    /**
     * Steps after authentication: route, body size, the token's request rate, per-token concurrency, then
     * the query limits and upstream ({@link RequestDispatch}). Every answer from here on names the token's
     * scope, if it has one, and is counted with its reason: {@code upstream} for Prometheus's own answers.
     */
    private Publisher<MutableHttpResponse<?>> forward(HttpRequest<?> request, ActiveToken token) {
        String route = "-";
        try {
            RouteDecision decision = routes.decide(request.getMethodName(), request.getUri().getRawPath());
            route = decision.route().name();
            checkBodySize(request);
            rate.acquire(token.tokenId(), token.limits());
            Runnable release = inFlight.acquire(token.tokenId());
            String routeName = route;
            // deferred: whatever forwarding throws, even before its Mono exists, gives the slot back
            return Mono.defer(() -> dispatch.dispatch(request, decision, token))
                    .doFinally(signal -> release.run())
                    .doOnNext(response -> {
                        ScopeEnforcement.label(response, token);
                        metrics.answered(token, routeName, response.code(), UPSTREAM);
                    })
                    .onErrorResume(error -> Mono.just(rejectAndCount(asRejection(error, token, routeName), token, routeName)));
        } catch (RuntimeException error) {
            return Mono.just(rejectAndCount(asRejection(error, token, route), token, route));
        }
    }

    /**
     * A rejection as it is; anything else is a bug of ours, logged here with its stack trace and
     * answered as Prometheus answers its own failures (500 {@code internal}), so a client never
     * sees the framework's error body and the failure is counted like every other answer.
     */
    private static GatewayRejection asRejection(Throwable error, ActiveToken token, String route) {
        if (error instanceof GatewayRejection rejection) {
            return rejection;
        }
        LOG.error("event=internal_error route={} token_id={} error={}", route, token == null ? "-" : token.tokenId(),
                error.toString(), error);
        return new GatewayRejection(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "the gateway failed to handle this request (an error on our side, logged by the replica): retry;"
                        + " if it persists, give your CloudQuant administrator the time of the request", "internal_error");
    }

    private MutableHttpResponse<?> rejectAndCount(GatewayRejection rejection, ActiveToken token, String route) {
        MutableHttpResponse<?> response = reject(rejection, token, route);
        metrics.answered(token, route, response.code(), rejection.reason());
        return response;
    }

    private void refuseBeforeAuthentication(HttpRequest<?> request) {
        if (request.getHeaders().isEmpty()) {
            // Micronaut could not parse the request target (e.g. a raw backslash or "%zz") and hands filters
            // a stand-in "GET /" without any header; a real HTTP/1.1 request always carries Host
            throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data",
                    "malformed HTTP request (request target or headers could not be parsed): percent-encode the path",
                    "malformed_request");
        }
        // the target as sent: getUri() and getPath() are rebuilt when the target names a host
        String target = request instanceof NettyHttpRequest<?> netty ? netty.getNativeRequest().uri() : request.getPath();
        if (!target.startsWith("/") || target.startsWith("//")) {
            // "GET http://x/…" or "GET //x/…": the server reads a host out of the target and
            // re-encodes the rest (1%2B1 becomes 1+1), so what would be decided on is not what the client sent
            throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data",
                    "the request target must be a path starting with a single '/', e.g. /"
                            + RouteTable.PREFIX + "/api/v1/query (no scheme, host or leading '//')",
                    "malformed_request");
        }
        if (!gateway.bearerRouteEnabled()) {
            throw new GatewayRejection(HttpStatus.FORBIDDEN, "forbidden",
                    "the bearer route is disabled on this cluster: ask your CloudQuant administrator to set "
                            + "liberator.gateway.bearer-route-enabled=true", "route_disabled");
        }
        if (request.getMethod() == HttpMethod.OPTIONS) {
            throw new GatewayRejection(HttpStatus.FORBIDDEN, "forbidden",
                    "cross-origin browser calls are not supported: query through Grafana's backend (access: proxy)",
                    "cors_preflight");
        }
    }

    private void checkBodySize(HttpRequest<?> request) {
        checkBodySize(request.getContentLength(), gateway.maxRequestBody());
    }

    /** A body of {@code length} bytes (declared, or read) is refused (413) above {@code max}. */
    static void checkBodySize(long length, long max) {
        if (length > max) {
            throw new GatewayRejection(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "request body of " + length + " bytes exceeds liberator.gateway.max-request-body ("
                            + max + " bytes): shorten the query or split the match[] selectors",
                    "body_too_large");
        }
    }

    private MutableHttpResponse<?> reject(GatewayRejection rejection, ActiveToken token, String route) {
        LOG.info("event=rejected status={} reason={} route={} token_id={}", rejection.status().getCode(),
                rejection.reason(), route, token == null ? "-" : token.tokenId());
        MutableHttpResponse<?> response = RejectionResponses.toResponse(rejection);
        ScopeEnforcement.label(response, token);
        return response;
    }

    private static boolean wantsHtml(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
