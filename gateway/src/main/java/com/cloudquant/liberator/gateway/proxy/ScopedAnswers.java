package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import com.cloudquant.liberator.gateway.scope.FederateAnswer;
import com.cloudquant.liberator.gateway.scope.Filtered;
import com.cloudquant.liberator.gateway.scope.JsonAnswers;
import com.cloudquant.liberator.gateway.scope.RulesAnswer;
import com.cloudquant.liberator.gateway.scope.ScopeViolations;
import com.cloudquant.liberator.gateway.scope.ScopedEndpoint;
import com.cloudquant.liberator.gateway.scope.ScopedRequest;
import com.cloudquant.liberator.promql.Scope;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * What a scoped token gets back: an answer the rewritten request already confines is streamed
 * as it comes; the others ({@link ScopedEndpoint.Answer}) are read whole (uncompressed: the
 * gateway asks for that), filtered to the scope, and sent with the upstream's status and headers.
 * Only 200 answers are filtered: an error answer carries no series.
 */
@Singleton
final class ScopedAnswers {

    /** The exposition format the federate filter reads; Prometheus would otherwise negotiate protobuf. */
    static final String FEDERATE_FORMAT = "text/plain;version=0.0.4";

    private final ScopeMetricNames names;
    private final ScopeViolations violations;

    ScopedAnswers(ScopeMetricNames names, ScopeViolations violations) {
        this.names = names;
        this.violations = violations;
    }

    /** Sets the upstream request's headers so that the answer is one this class can read. */
    void prepare(ScopedEndpoint endpoint, MutableHttpHeaders upstream) {
        if (endpoint.answer() != ScopedEndpoint.Answer.AS_IS) {
            upstream.remove(HttpHeaders.ACCEPT_ENCODING); // Prometheus compresses only when asked
        }
        if (endpoint == ScopedEndpoint.FEDERATE) {
            upstream.set(HttpHeaders.ACCEPT, FEDERATE_FORMAT);
        }
    }

    Mono<MutableHttpResponse<?>> answer(ByteBodyHttpResponse<?> upstream, ScopedRequest scoped, RouteDecision decision,
                                        ActiveToken token) {
        ScopedEndpoint endpoint = scoped.endpoint();
        if (endpoint.answer() == ScopedEndpoint.Answer.AS_IS || upstream.code() != HttpStatus.OK.getCode()) {
            return Mono.just(UpstreamForwarder.toClientResponse(upstream));
        }
        String encoding = upstream.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            upstream.close();
            return Mono.error(new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                    "the upstream answered with Content-Encoding " + encoding + " although the gateway did not ask for it,"
                            + " so the answer cannot be checked against the scope", "scope_unchecked_answer"));
        }
        MutableHttpResponse<byte[]> response = HttpResponse.status(upstream.code(), upstream.reason());
        UpstreamHeaders.copyForClient(upstream.getHeaders(), response.getHeaders());
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.CONTENT_ENCODING);
        Scope scope = token.scope();
        return UpstreamLookup.body(upstream, endpoint.route())
                .flatMap(bytes -> filter(bytes, scoped, decision, scope))
                .map(filtered -> {
                    violations.record(endpoint.route(), token.tokenId(), scope.canonical(), filtered.violations());
                    return response.body(filtered.body());
                });
    }

    private Mono<Filtered> filter(byte[] answer, ScopedRequest scoped, RouteDecision decision, Scope scope) {
        return switch (scoped.endpoint().answer()) {
            case SERIES -> Mono.fromCallable(() -> JsonAnswers.series(answer, scope));
            case LABEL_VALUES -> Mono.fromCallable(() -> JsonAnswers.labelValues(answer, labelName(decision), scope));
            case FEDERATE -> Mono.fromCallable(() -> FederateAnswer.filter(answer, scope));
            case RULES -> Mono.fromCallable(() -> RulesAnswer.filter(answer, scope));
            case METADATA -> names.of(scope).map(visible -> JsonAnswers.metadata(answer, visible, scoped.limit()));
            case AS_IS -> Mono.error(new IllegalStateException("an AS_IS answer is streamed, not filtered"));
        };
    }

    /** {@code /api/v1/label/<name>/values}: the name, already checked by the route table. */
    private static String labelName(RouteDecision decision) {
        String[] segments = decision.upstreamPath().split("/");
        return segments[segments.length - 2];
    }
}
