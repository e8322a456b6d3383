package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the page's security rests on, seen on the wire: headers, cookie flags, CSRF, origin check. */
class PageSecurityTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static TokenServiceInstance service;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = TokenServiceInstance.start(TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-page-security"), keys));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /**
     * The charts' library, from the webjar of the version token-service's pom names (application.yml's
     * path is filled in from it at build), is there before anyone signs in, as the page's own assets are.
     */
    @Test
    void theChartsLibraryAndItsStylesAreServedWithoutSigningIn() throws Exception {
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(service.uri("/assets/uplot/uPlot.esm.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> styles = HTTP.send(HttpRequest.newBuilder(service.uri("/assets/uplot/uPlot.min.css")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("export").contains("uPlot");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.body()).contains(".uplot");
    }

    @Test
    void everyAnswerForbidsFramingAndInlineScript() throws Exception {
        for (String path : List.of("/login", "/assets/app.js", "/api/v1/tokens", "/")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                    .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
        }
    }

    @Test
    void withoutAnIdpTheSignInFormOffersNoSingleSignOn() throws Exception {
        String form = HTTP.send(HttpRequest.newBuilder(service.uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(form).contains("id=\"password\"").doesNotContain("/oauth/login/liberator");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictAndSecureBehindTls() throws Exception {
        String plain = sessionCookieHeader(signIn(null));
        String behindTls = sessionCookieHeader(signIn("https"));

        assertThat(plain).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure");
        assertThat(behindTls).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Secure");
    }

    @Test
    void aCookieAuthenticatedPostNeedsTheCsrfTokenWhileBasicClientsDoNot() throws Exception {
        String session = sessionCookieHeader(signIn(null)).split(";")[0];
        String csrf = HTTP.send(HttpRequest.newBuilder(service.uri("/")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.discarding()).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0];
        String csrfValue = csrf.substring("XSRF-TOKEN=".length());

        HttpResponse<String> forged = post(session + "; " + csrf, null);
        HttpResponse<String> fromPage = post(session + "; " + csrf, csrfValue);
        HttpResponse<String> script = service.post("/api/v1/tokens", "{\"consumer\":\"csrf-script\"}", TokenServiceInstance.ADMIN);

        HttpResponse<String> withJunkAuthorization = HTTP.send(HttpRequest.newBuilder(service.uri("/api/v1/tokens"))
                .header("Cookie", session + "; " + csrf).header("Authorization", "X")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"consumer\":\"csrf-junk\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF token");
        assertThat(withJunkAuthorization.statusCode()).isEqualTo(403);
        assertThat(fromPage.statusCode()).isEqualTo(201);
        assertThat(script.statusCode()).isEqualTo(201);
    }

    @Test
    void aScriptThatAlsoSendsTheSessionCookieNeedsTheCsrfTokenEvenWithValidBasicCredentials() throws Exception {
        String session = sessionCookieHeader(signIn(null)).split(";")[0];
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + TokenServiceInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> withCookie = HTTP.send(HttpRequest.newBuilder(service.uri("/api/v1/tokens"))
                .header("Cookie", session).header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"consumer\":\"csrf-basic-cookie\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withCookie.statusCode()).isEqualTo(403);
        assertThat(withCookie.body()).contains("send Authorization instead of the session cookie");
    }

    @Test
    void theAnonymousAreSentToSignInAndSigningOutClearsTheSessionAndSendsTheVisitorToTheStart() throws Exception {
        HttpResponse<Void> anonymous = HTTP.send(HttpRequest.newBuilder(service.uri("/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String session = sessionCookieHeader(signIn(null)).split(";")[0];
        HttpResponse<Void> signedInAtLogin = HTTP.send(HttpRequest.newBuilder(service.uri("/login"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.discarding());
        String csrf = HTTP.send(HttpRequest.newBuilder(service.uri("/")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.discarding()).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0];

        HttpResponse<Void> signOut = HTTP.send(HttpRequest.newBuilder(service.uri("/logout"))
                .header("Cookie", session + "; " + csrf).header("X-CSRF-Token", csrf.substring("XSRF-TOKEN=".length()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
        assertThat(signedInAtLogin.statusCode()).isEqualTo(303);
        assertThat(signedInAtLogin.headers().firstValue("Location")).hasValue("/");
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.headers().firstValue("Location")).hasValue("/");
        assertThat(signOut.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JWT=;").containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void rotatingTheSigningKeyFromASessionNeedsTheCsrfTokenToo() throws Exception {
        String session = sessionCookieHeader(signIn(null)).split(";")[0];
        String csrf = HTTP.send(HttpRequest.newBuilder(service.uri("/")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.discarding()).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0];

        HttpResponse<String> forged = rotate(session + "; " + csrf, null);
        HttpResponse<String> fromPage = rotate(session + "; " + csrf, csrf.substring("XSRF-TOKEN=".length()));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF token");
        assertThat(fromPage.statusCode()).as(fromPage.body()).isEqualTo(200);
    }

    private static HttpResponse<String> rotate(String cookies, String csrfHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/api/v1/signing-key/rotate"))
                .header("Cookie", cookies).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"from the page\"}"));
        if (csrfHeader != null) {
            request.header("X-CSRF-Token", csrfHeader);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(form())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JWT="));
    }

    private static HttpResponse<String> post(String cookies, String csrfHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/api/v1/tokens"))
                .header("Cookie", cookies).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"consumer\":\"csrf-page\"}"));
        if (csrfHeader != null) {
            request.header("X-CSRF-Token", csrfHeader);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signIn(String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form()));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form() {
        return "username=admin&password=" + URLEncoder.encode(TokenServiceInstance.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    }

    private static String sessionCookieHeader(HttpResponse<String> signIn) {
        return signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie; status " + signIn.statusCode() + " " + signIn.body()));
    }
}
