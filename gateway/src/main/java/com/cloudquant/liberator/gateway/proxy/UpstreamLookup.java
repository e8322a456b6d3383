package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Whole upstream answers, read into memory: the gateway's own look-ups (the upstream's version,
 * the metric names a scope sees) and the answers a scope filters. Only scoped requests come here;
 * an unscoped answer is always streamed.
 */
@Singleton
final class UpstreamLookup {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamLookup.class);

    private final UpstreamForwarder upstream;

    UpstreamLookup(UpstreamForwarder upstream) {
        this.upstream = upstream;
    }

    /**
     * The gateway's own GET of upstream {@code pathAndQuery} (no client header): the whole body of a
     * 200 answer, or a 502 {@link GatewayRejection}.
     */
    Mono<byte[]> fetch(String pathAndQuery, String route) {
        return upstream.exchange(upstream.request(null, HttpMethod.GET, pathAndQuery), null, route).flatMap(response -> {
            if (response.code() != HttpStatus.OK.getCode()) {
                response.close();
                LOG.warn("event=upstream_lookup_failed route={} status={}", route, response.code());
                return Mono.error(new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                        "upstream Prometheus answered " + response.code() + " to a look-up this answer depends on",
                        "upstream_lookup_failed"));
            }
            return body(response, route);
        });
    }

    /**
     * The whole body of {@code response}, which is closed. An answer larger than
     * {@code micronaut.http.client.max-content-length} is not read whole (422, as Prometheus answers
     * a query that would load too much); a body that breaks off is a 502.
     */
    static Mono<byte[]> body(ByteBodyHttpResponse<?> response, String route) {
        return Mono.fromFuture(() -> response.byteBody().buffer())
                .map(available -> {
                    try (available) {
                        return available.toByteArray();
                    }
                })
                .doFinally(signal -> response.close())
                .onErrorMap(UpstreamLookup::tooLarge, error -> {
                    LOG.warn("event=scoped_answer_too_large route={} detail=\"{}\"", route, error.getMessage());
                    return new GatewayRejection(HttpStatus.UNPROCESSABLE_ENTITY, "execution",
                            "the answer is larger than the gateway reads whole to check it against this token's scope"
                                    + " (micronaut.http.client.max-content-length): narrow the match[] selectors or the"
                                    + " time range", "scoped_answer_too_large");
                })
                .onErrorMap(error -> !(error instanceof GatewayRejection), error -> {
                    LOG.warn("event=upstream_body_failed route={} detail=\"{}\"", route, error.toString());
                    return new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                            "upstream Prometheus's answer broke off before the gateway could check it against the scope",
                            "upstream_body_failed");
                });
    }

    private static boolean tooLarge(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof BufferLengthExceededException || e instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }
}
