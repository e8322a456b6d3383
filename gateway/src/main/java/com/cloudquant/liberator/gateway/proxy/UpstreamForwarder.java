package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.edge.TrustedProxies;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.HttpVersionSelection;
import io.micronaut.http.client.RawHttpClient;
import io.micronaut.http.client.RawHttpClientRegistry;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Step 5: sends the decided request to Prometheus with Micronaut's non-blocking raw client
 * (pooled connections) and hands back its response with the body still streaming, so a
 * 200 MB /federate never sits in the gateway's heap. The body passes as bytes: Content-Encoding
 * is untouched (the client does not decompress) and an upstream Content-Length is kept, so a
 * small answer leaves in one write instead of being re-chunked.
 */
@Context // eager: bad configuration must stop start-up, not the first request
class UpstreamForwarder { // not final: a test replaces it with one that fails before forwarding

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarder.class);

    private static final ByteBodyFactory BODIES = ByteBodyFactory.createDefault(NettyByteBufferFactory.DEFAULT);

    private final RawHttpClient client;
    private final String upstreamBase;
    private final Duration responseTimeout;
    private final TrustedProxies trustedProxies;
    private final MeterRegistry meters;
    /** Upstream latency timers by route, one map per outcome (looked up on every request). */
    private final Map<String, Timer> answeredTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> failedTimers = new ConcurrentHashMap<>();

    UpstreamForwarder(RawHttpClientRegistry clients, GatewayProperties gateway, TrustedProxies trustedProxies,
                      MeterRegistry meters) {
        String base = gateway.upstreamUrl().toString();
        this.upstreamBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = clients.getRawClient(HttpVersionSelection.forLegacyVersion(HttpVersion.HTTP_1_1), upstreamBase, null);
        this.responseTimeout = gateway.responseTimeout();
        this.trustedProxies = trustedProxies;
        this.meters = meters;
    }

    Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, RouteDecision decision) {
        MutableHttpRequest<?> upstream = asSent(request, decision);
        CloseableByteBody body = request instanceof ServerHttpRequest<?> server ? server.byteBody().move() : null;
        return exchange(upstream, body, decision.route().name()).map(UpstreamForwarder::toClientResponse);
    }

    /** As {@link #forward(HttpRequest, RouteDecision)}, with a body already read whole: sent byte for byte. */
    Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, RouteDecision decision, byte[] body) {
        MutableHttpRequest<?> upstream = asSent(request, decision);
        // the length read, whatever the client framed it with (a chunked body loses Transfer-Encoding on the way)
        upstream.getHeaders().set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        return exchange(upstream, BODIES.adapt(body), decision.route().name()).map(UpstreamForwarder::toClientResponse);
    }

    /** The client's request for upstream: its method, the canonical path and the raw query string. */
    private MutableHttpRequest<?> asSent(HttpRequest<?> request, RouteDecision decision) {
        String rawQuery = request.getUri().getRawQuery(); // already parsed, hence valid, by the server
        return request(request, request.getMethod(), decision.upstreamPath() + (rawQuery == null ? "" : "?" + rawQuery));
    }

    /**
     * A request to upstream {@code pathAndQuery} (below the upstream base URL) carrying the client's
     * end-to-end headers and the gateway's X-Forwarded-* (the one place they are decided); without
     * a {@code client}, a bare request the gateway makes for itself.
     */
    MutableHttpRequest<?> request(HttpRequest<?> client, HttpMethod method, String pathAndQuery) {
        MutableHttpRequest<?> upstream = HttpRequest.create(method, upstreamBase + pathAndQuery);
        if (client == null) {
            return upstream;
        }
        boolean trusted = client.getRemoteAddress().getAddress() != null
                && trustedProxies.trusts(client.getRemoteAddress().getAddress());
        UpstreamHeaders.copyForUpstream(client, upstream.getHeaders(), trusted);
        return upstream;
    }

    /**
     * Sends {@code upstream} (with {@code body}, or none): its answer's status and headers, the body
     * not read yet, or a {@link GatewayRejection} (504 no answer in time, 502 unreachable).
     */
    Mono<ByteBodyHttpResponse<?>> exchange(MutableHttpRequest<?> upstream, CloseableByteBody body, String route) {
        long start = System.nanoTime();
        return withDeadline(client.exchange(upstream, body, null))
                .doOnDiscard(ByteBodyHttpResponse.class, ByteBodyHttpResponse::close)
                .<ByteBodyHttpResponse<?>>map(response -> {
                    timer(answeredTimers, route, "answered").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    if (!(response instanceof ByteBodyHttpResponse<?> raw)) {
                        throw new IllegalStateException("raw client answered without a byte body: " + response.getClass());
                    }
                    return raw;
                })
                .onErrorMap(error -> translate(error, route, start));
    }

    /** Status and filtered headers of the upstream answer, with its body bytes still streaming. */
    static MutableHttpResponse<?> toClientResponse(ByteBodyHttpResponse<?> raw) {
        HttpResponse<?> upstream = raw;
        MutableHttpResponse<ByteBody> response = HttpResponse.status(upstream.code(), upstream.reason());
        UpstreamHeaders.copyForClient(upstream.getHeaders(), response.getHeaders());
        response.body(raw.byteBody());
        response.bodyWriter(PassThroughBodyWriter.INSTANCE);
        return response;
    }

    /**
     * The upstream answer (its headers), or a {@link TimeoutException} once {@code response-timeout} has passed,
     * whichever comes first. The exchange stays subscribed after a timeout or a caller who hung up: Micronaut's
     * client does not abort a request in flight when cancelled, so the only way to free the pooled connection
     * of a late answer is to receive it and close it (which reads and discards its body). The deadline is a task
     * on the event loop serving the request: arming and cancelling it there is a queue operation, where
     * Reactor's {@code timeout} operator costs a cross-thread wake-up and a description string per request.
     */
    private Mono<HttpResponse<?>> withDeadline(Publisher<? extends HttpResponse<?>> exchange) {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        EventExecutor loop = current != null ? current : GlobalEventExecutor.INSTANCE;
        return Mono.create(sink -> {
            AtomicBoolean settled = new AtomicBoolean();
            ScheduledFuture<?> deadline = loop.schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    sink.error(new TimeoutException("no upstream answer within " + responseTimeout));
                }
            }, responseTimeout.toNanos(), TimeUnit.NANOSECONDS);
            sink.onCancel(() -> {
                if (settled.compareAndSet(false, true)) {
                    deadline.cancel(false);
                }
            });
            Mono.<HttpResponse<?>>from(exchange).subscribe(response -> {
                if (settled.compareAndSet(false, true)) {
                    deadline.cancel(false);
                    sink.success(response);
                } else if (response instanceof ByteBodyHttpResponse<?> late) {
                    late.close(); // too late: frees the pooled connection
                }
            }, error -> {
                if (settled.compareAndSet(false, true)) {
                    deadline.cancel(false);
                    sink.error(error);
                }
            }, () -> {
                if (settled.compareAndSet(false, true)) {
                    deadline.cancel(false);
                    sink.error(new HttpClientException("upstream closed the exchange without an answer"));
                }
            });
        });
    }

    private Timer timer(Map<String, Timer> byRoute, String route, String outcome) {
        return byRoute.computeIfAbsent(route,
                key -> Timer.builder(GatewayMetric.UPSTREAM_LATENCY.meterName())
                        .description("Time until upstream Prometheus answered with headers")
                        .publishPercentileHistogram()
                        .tags("route", route, "outcome", outcome)
                        .register(meters));
    }

    private Throwable translate(Throwable error, String route, long start) {
        timer(failedTimers, route, "failed").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (error instanceof TimeoutException) {
            return new GatewayRejection(HttpStatus.GATEWAY_TIMEOUT, "timeout",
                    "context deadline exceeded: Prometheus did not answer within " + responseTimeout.toSeconds()
                            + "s (liberator.gateway.response-timeout); narrow the time range or widen the panel's interval",
                    "upstream_timeout");
        }
        if (error instanceof HttpClientException) {
            LOG.warn("event=upstream_failed route={} detail=\"{}\"", route, error.getMessage());
            // the detail (internal host and port) goes to the log for the operators, not to the caller
            return new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                    "upstream Prometheus is unreachable: the operators of this gateway should check "
                            + "liberator.gateway.upstream-url and that Prometheus is running", "upstream_unreachable");
        }
        return error;
    }
}
