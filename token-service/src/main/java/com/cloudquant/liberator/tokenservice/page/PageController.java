package com.cloudquant.liberator.tokenservice.page;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The two HTML documents of the page. They are static; the data comes from the API. Served by a
 * controller rather than as static resources so that an anonymous visitor of {@code /} is sent to
 * the sign-in form and a signed-in one gets the CSRF cookie the page's scripts echo back.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class PageController {

    private final String app;
    private final String login;
    private final CsrfCookie csrf;

    PageController(ResourceResolver resources, CsrfCookie csrf,
                   @Property(name = "micronaut.security.oauth2.clients.liberator.client-id") @Nullable String idpClient) {
        this.app = read(resources, "classpath:public/index.html");
        String form = read(resources, "classpath:public/login.html");
        // no IdP configured: a single sign-on link would only lead to a 404
        this.login = idpClient == null ? form.replaceAll("(?s)<!--sso-->.*<!--/sso-->", "") : form;
        this.csrf = csrf;
    }

    @Get(produces = MediaType.TEXT_HTML)
    MutableHttpResponse<?> app(HttpRequest<?> request, @Nullable Authentication user) {
        if (user == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return csrf.ensure(request, html(app));
    }

    @Get(uri = "/login", produces = MediaType.TEXT_HTML)
    MutableHttpResponse<?> login(@Nullable Authentication user) {
        return user == null ? html(login) : HttpResponse.seeOther(URI.create("/"));
    }

    private static MutableHttpResponse<String> html(String body) {
        return HttpResponse.ok(body).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8")
                .header("Cache-Control", "no-store");
    }

    private static String read(ResourceResolver resources, String path) {
        try (InputStream in = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing from the build"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
