package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.edge.TrustedProxies;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.RawHttpClientRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The real forwarder, except that its first {@value #FAIL_FIRST} calls throw before any
 * {@code Mono} exists, as a bug or a refused request could (a bad header, a closed client).
 */
@Context
@Replaces(UpstreamForwarder.class)
@Requires(property = ThrowingForwarder.FAIL_FIRST)
final class ThrowingForwarder extends UpstreamForwarder {

    static final String FAIL_FIRST = "test.forwarder.fail-first";

    private final AtomicInteger failuresLeft;
    private final AtomicInteger thrown = new AtomicInteger();

    ThrowingForwarder(RawHttpClientRegistry clients, GatewayProperties gateway, TrustedProxies trustedProxies,
                      MeterRegistry meters, @Property(name = FAIL_FIRST) int failFirst) {
        super(clients, gateway, trustedProxies, meters);
        this.failuresLeft = new AtomicInteger(failFirst);
    }

    @Override
    Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, RouteDecision decision) {
        if (failuresLeft.getAndDecrement() > 0) {
            thrown.incrementAndGet();
            throw new IllegalStateException("injected: forwarding failed before its Mono existed");
        }
        return super.forward(request, decision);
    }

    /** How many calls threw. */
    int thrown() {
        return thrown.get();
    }
}
