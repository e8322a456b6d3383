package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Turns the 401 of a throttled API sign-in into 429 with {@code Retry-After}. The page's form
 * sign-in keeps its redirect to {@code /login?error}, which says "or too many attempts".
 */
@Filter("/**")
final class LoginThrottleFilter implements HttpServerFilter {

    private static final String THROTTLED = LoginThrottleFilter.class.getName() + ".retryAfter";

    static void markThrottled(HttpRequest<?> request, Duration retryAfter) {
        request.setAttribute(THROTTLED, retryAfter);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Flux.from(chain.proceed(request)).map(response -> {
            Optional<Duration> wait = request.getAttribute(THROTTLED, Duration.class);
            return wait.isPresent() && response.status() == HttpStatus.UNAUTHORIZED ? tooMany(wait.get()) : response;
        });
    }

    private static MutableHttpResponse<?> tooMany(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + 1);
        return Problem.response(HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins as this user from this address:"
                + " wait " + seconds + " s, then sign in with the right password")
                .header("Retry-After", String.valueOf(seconds));
    }
}
