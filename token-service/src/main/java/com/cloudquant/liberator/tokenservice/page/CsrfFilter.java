package com.cloudquant.liberator.tokenservice.page;

import com.cloudquant.liberator.tokenservice.web.Problem;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Refuses forged state-changing requests from browsers, before authentication runs.
 * <ul>
 * <li>A request whose {@code Origin} names another host is refused whatever it carries
 * (this covers the sign-in form, where there is no session yet).</li>
 * <li>A request that carries the session cookie must echo the CSRF cookie in
 * {@value CsrfCookie#HEADER}, even when it also has an {@code Authorization} header: the
 * cookie could still sign it in. Scripts that send {@code Authorization} (Basic or a bearer
 * token) and no session cookie pass untouched.</li>
 * </ul>
 */
@Filter("/**")
final class CsrfFilter implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfFilter.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final String SESSION_COOKIE = "JWT";

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before() - 10;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (SAFE.contains(request.getMethod())) {
            return chain.proceed(request);
        }
        var origin = request.getHeaders().findFirst("Origin");
        if (origin.isPresent() && !sameHost(origin.get(), ForwardedRequest.host(request))) {
            return refuse(request, "cross-origin", "requests from another site are refused: use the page on this host");
        }
        // Whenever the session cookie rides along, the token is required, whatever Authorization
        // says: Micronaut may still authenticate the request by the cookie.
        boolean cookieAuthenticated = request.getCookies().findCookie(SESSION_COOKIE).isPresent();
        if (cookieAuthenticated && !echoesCsrfCookie(request)) {
            return refuse(request, "missing-csrf-token", "the page's CSRF token is missing or wrong: reload the page "
                    + "and try again (API clients: send Authorization instead of the session cookie)");
        }
        return chain.proceed(request);
    }

    private static boolean echoesCsrfCookie(HttpRequest<?> request) {
        String cookie = request.getCookies().findCookie(CsrfCookie.NAME).map(Cookie::getValue).orElse("");
        String header = request.getHeaders().findFirst(CsrfCookie.HEADER).orElse("");
        return !cookie.isEmpty() && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Publisher<MutableHttpResponse<?>> refuse(HttpRequest<?> request, String reason, String detail) {
        LOG.warn("decision=csrf-refused reason={} method={} path={}", reason, request.getMethod(), request.getPath());
        return Mono.just(Problem.response(HttpStatus.FORBIDDEN, detail));
    }
}
