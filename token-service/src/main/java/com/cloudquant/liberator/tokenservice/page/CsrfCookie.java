package com.cloudquant.liberator.tokenservice.page;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The double-submit CSRF cookie. The page's scripts read it (so it is not HttpOnly) and send it
 * back as the {@value #HEADER} header; a page on another site can neither read it nor set the
 * header on a cookie-authenticated request, so {@link CsrfFilter} refuses what it forges.
 */
@Singleton
class CsrfCookie {

    static final String NAME = "XSRF-TOKEN";
    static final String HEADER = "X-CSRF-Token";

    private final SecureRandom random = new SecureRandom();

    MutableHttpResponse<?> ensure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getCookies().findCookie(NAME).isPresent()) {
            return response;
        }
        byte[] value = new byte[32];
        random.nextBytes(value);
        Cookie cookie = Cookie.of(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(value))
                .path("/").sameSite(SameSite.Strict).httpOnly(false).secure(ForwardedRequest.isHttps(request));
        return response.cookie(cookie);
    }
}
