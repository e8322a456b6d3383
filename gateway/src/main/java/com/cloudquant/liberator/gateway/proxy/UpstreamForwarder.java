package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.context.annotation.Context;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Step 5: sends the decided request to Prometheus with the non-blocking proxy client and
 * hands back its response with the body still streaming, so a 200 MB /federate never sits
 * in the gateway's heap. Content-Encoding passes through untouched (the client does not
 * decompress proxied bodies).
 */
@Context // eager: bad configuration must stop start-up, not the first request
final class UpstreamForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarder.class);

    private final ProxyHttpClient client;
    private final String upstreamBase;
    private final Duration responseTimeout;
    private final TrustedProxies trustedProxies;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    UpstreamForwarder(@Client("${liberator.gateway.upstream-url}") ProxyHttpClient client, GatewayProperties gateway, TrustedProxies trustedProxies,
                      MeterRegistry meters) {
        this.client = client;
        String base = gateway.upstreamUrl().toString();
        this.upstreamBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.responseTimeout = gateway.responseTimeout();
        this.trustedProxies = trustedProxies;
        this.meters = meters;
    }

    Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, RouteDecision decision) {
        String rawQuery = request.getUri().getRawQuery();
        URI target = URI.create(upstreamBase + decision.upstreamPath() + (rawQuery == null ? "" : "?" + rawQuery));
        MutableHttpRequest<?> upstream = request.mutate().uri(target);
        boolean trusted = request.getRemoteAddress().getAddress() != null
                && trustedProxies.trusts(request.getRemoteAddress().getAddress());
        UpstreamHeaders.prepareRequest(request, upstream.getHeaders(), trusted);
        long start = System.nanoTime();
        String route = decision.route().name();
        return Mono.from(client.proxy(upstream))
                .timeout(responseTimeout)
                .<MutableHttpResponse<?>>map(response -> {
                    timer(route, "answered").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    UpstreamHeaders.prepareResponse(response.getHeaders());
                    return response;
                })
                .onErrorMap(error -> translate(error, route, start));
    }

    private Timer timer(String route, String outcome) {
        return timers.computeIfAbsent(route + '\u0000' + outcome,
                key -> Timer.builder("liberator.gateway.upstream.latency")
                        .description("Time until upstream Prometheus answered with headers")
                        .publishPercentileHistogram()
                        .tags("route", route, "outcome", outcome)
                        .register(meters));
    }

    private Throwable translate(Throwable error, String route, long start) {
        timer(route, "failed").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (error instanceof TimeoutException) {
            return new GatewayRejection(HttpStatus.GATEWAY_TIMEOUT, "timeout",
                    "context deadline exceeded: Prometheus did not answer within " + responseTimeout.toSeconds()
                            + "s (liberator.gateway.response-timeout); narrow the time range or widen the panel's interval",
                    "upstream_timeout");
        }
        if (error instanceof HttpClientException) {
            LOG.warn("event=upstream_failed route={} detail=\"{}\"", route, error.getMessage());
            return new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                    "upstream Prometheus is unreachable (" + error.getMessage() + "); check liberator.gateway.upstream-url "
                            + "and that Prometheus is running", "upstream_unreachable");
        }
        return error;
    }
}
