package com.cloudquant.liberator.tokenservice.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Answers 429 before any password check once a client has failed to sign in too often. */
@Filter("/**")
final class LoginThrottleFilter implements HttpServerFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        boolean signIn = request.getHeaders().getAuthorization().map(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).orElse(false)
                || request.getPath().equals("/login");
        if (signIn) {
            var wait = throttle.retryAfter(ClientAddress.of(request));
            if (wait.isPresent()) {
                return Mono.just(tooMany(wait.get()));
            }
        }
        return chain.proceed(request);
    }

    private static MutableHttpResponse<?> tooMany(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + 1);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(seconds))
                .body(Map.of("type", "about:blank", "title", "Too Many Requests", "status", 429,
                        "detail", "too many failed sign-ins from this address: wait " + seconds
                                + " s, then sign in with the right password"));
    }
}
