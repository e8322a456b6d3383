package com.cloudquant.liberator.tokenservice.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml serves the page over TLS only and sets
 * {@code micronaut.security.token.cookie.cookie-secure}: the session cookie is then {@code Secure}
 * even on a request that does not say it came over TLS (a proxy that forgot X-Forwarded-Proto).
 */
class SecureCookieSettingTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    @Test
    void withTheSettingTheSessionCookieIsSecureOverPlainHttpToo() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-secure-cookie"), keys);
        settings.put("micronaut.security.token.cookie.cookie-secure", true);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings)) {
            HttpResponse<String> login = service.postForm("/login", "username=admin&password="
                    + URLEncoder.encode(TokenServiceInstance.ADMIN_PASSWORD, StandardCharsets.UTF_8));

            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT="))
                    .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.statusCode()));
            assertThat(cookie).contains("Secure").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        }
    }
}
