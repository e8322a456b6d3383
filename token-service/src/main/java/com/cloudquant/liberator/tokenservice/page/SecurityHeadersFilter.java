package com.cloudquant.liberator.tokenservice.page;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Browser hardening on every answer, API included (an error page is a page too): scripts and
 * styles only from this origin and never inline, no framing, no MIME sniffing, no referrer to other sites.
 * Behind TLS every cookie we set is also marked {@code Secure}.
 */
@Filter("/**")
final class SecurityHeadersFilter implements HttpServerFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Override
    public int getOrder() {
        // outermost, so that even the security filter's 401/403 carry the headers
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        boolean https = ForwardedRequest.isHttps(request);
        return Flux.from(chain.proceed(request)).map(response -> {
            var headers = response.getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            // not no-referrer: with it Chromium sends "Origin: null" on our own form posts, which CsrfFilter refuses
            headers.set("Referrer-Policy", "same-origin");
            if (https) {
                headers.set("Strict-Transport-Security", "max-age=31536000");
                markCookiesSecure(response);
            }
            return response;
        });
    }

    private static void markCookiesSecure(MutableHttpResponse<?> response) {
        List<String> cookies = response.getHeaders().getAll(HttpHeaders.SET_COOKIE);
        if (cookies.isEmpty()) {
            return;
        }
        response.getHeaders().remove(HttpHeaders.SET_COOKIE);
        for (String cookie : cookies) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE,
                    cookie.toLowerCase(java.util.Locale.ROOT).contains("; secure") ? cookie : cookie + "; Secure");
        }
    }
}
