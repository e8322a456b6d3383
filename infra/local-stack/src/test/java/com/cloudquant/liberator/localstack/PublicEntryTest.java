package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing internal through the public entry: the real nginx of the local stack forwards the
 * page, its assets, sign-in and the two APIs, and answers everything else itself with a 404;
 * the services' health and metrics are on management ports only.
 */
@ExtendWith(SharedStack.class)
class PublicEntryTest {

    /** Internal paths an anonymous visitor of the public entry tries (Micronaut management endpoints). */
    static final List<String> INTERNAL = List.of("/metrics", "/health", "/health/liveness", "/health/readiness",
            "/prometheus", "/beans", "/refresh", "/env", "/loggers", "/threaddump", "/routes", "/info",
            "/stop", "/api/v1/../metrics", "/api/v1/%2e%2e/health", "/assets/../health", "//health", "/Health");

    private StackClient client;
    private LocalStack stack;

    @BeforeEach
    void connect() {
        client = SharedStack.client();
        stack = SharedStack.stack();
    }

    @Test
    void internalPathsAre404JsonAtTheEntryForGetAndPost() {
        for (String path : INTERNAL) {
            HttpResponse<String> get = send("GET", stack.publicUrl() + path);
            assertThat(get.statusCode()).as("GET %s", path).isEqualTo(404);
            // nginx's own answer: the request went nowhere behind it
            assertThat(get.body()).as("GET %s", path).contains("this entry serves the page")
                    .doesNotContain("UP", "liberator_", "jvm_");
            HttpResponse<String> post = send("POST", stack.publicUrl() + path);
            assertThat(post.statusCode()).as("POST %s", path).isEqualTo(404);
        }
        HttpResponse<String> metrics = send("GET", stack.publicUrl() + "/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(metrics.body()).contains("\"status\":404");
    }

    @Test
    void thePageItsAssetsAndTheApiStillPassTheEntry() {
        assertThat(send("GET", stack.publicUrl() + "/login").statusCode()).isEqualTo(200);
        assertThat(send("GET", stack.publicUrl() + "/").statusCode()).as("anonymous / is sent to sign in").isEqualTo(303);
        for (String asset : List.of("/assets/page.css", "/assets/login.js", "/assets/app.js")) {
            assertThat(send("GET", stack.publicUrl() + asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(client.list().statusCode()).isEqualTo(200);
        assertThat(send("GET", stack.publicUrl() + "/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenServiceServesHealthAndMetricsOnItsManagementPortOnly() {
        String publicPort = "http://127.0.0.1:" + stack.ports().tokenService();
        String management = "http://127.0.0.1:" + stack.ports().tokenServiceManagement();

        assertThat(send("GET", publicPort + "/metrics").statusCode()).isEqualTo(404);
        assertThat(send("GET", publicPort + "/health").statusCode()).isEqualTo(404);
        assertThat(send("GET", publicPort + "/prometheus").statusCode()).isEqualTo(404);
        HttpResponse<String> health = send("GET", management + ServiceCommands.TOKEN_SERVICE_HEALTH);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> metrics = send("GET", management + ServiceCommands.TOKEN_SERVICE_METRICS);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("liberator_tokens_active");
        assertThat(send("POST", management + "/refresh").statusCode()).isEqualTo(404);
        assertThat(send("GET", management + "/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void theGatewaysManagementPortsRefuseRefreshAndBeans() {
        for (int port : stack.ports().gatewayManagement()) {
            assertThat(send("POST", "http://127.0.0.1:" + port + "/refresh").statusCode()).as("POST /refresh on %d", port)
                    .isEqualTo(404);
            assertThat(send("GET", "http://127.0.0.1:" + port + "/beans").statusCode()).as("GET /beans on %d", port)
                    .isEqualTo(404);
        }
    }

    private HttpResponse<String> send(String method, String url) {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json").build());
    }
}
