package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.process.FreePort;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A real token-service on a random port, talked to over real HTTP. */
public final class TokenServiceInstance implements AutoCloseable {

    public static final String MANAGEMENT_PORT = "endpoints.all.port";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TokenServiceInstance(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** Settings every test instance shares; {@code overrides} win. */
    public static Map<String, Object> settings(String bootstrapServers, String topic, Path keyDir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("liberator.kafka.bootstrap-servers", bootstrapServers);
        settings.put("liberator.kafka.topic", topic);
        settings.put("liberator.kafka.timeout", "3s");
        settings.put("liberator.signing.private-key-file", keyDir.resolve("signing.pem").toString());
        settings.put("liberator.signing.public-key-file", keyDir.resolve("signing.pub.pem").toString());
        settings.put("liberator.signing.generate-if-missing", true);
        settings.put("liberator.admin.password", ADMIN_PASSWORD);
        settings.put("liberator.admin.hash-iterations", 10000);
        return settings;
    }

    public static TokenServiceInstance start(Map<String, Object> settings) {
        return new TokenServiceInstance(ApplicationContext.run(EmbeddedServer.class, withManagementPort(settings))
                .getApplicationContext());
    }

    /** A token-service whose context holds {@code singletons} too (a bean that replaces a secondary one). */
    public static TokenServiceInstance start(Map<String, Object> settings, Object... singletons) {
        ApplicationContext context = ApplicationContext.builder().properties(withManagementPort(settings))
                .singletons(singletons).start();
        try {
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new TokenServiceInstance(context);
    }

    /** A free management port unless the test chose one: two instances at once must not share it. */
    private static Map<String, Object> withManagementPort(Map<String, Object> settings) {
        Map<String, Object> copy = new HashMap<>(settings);
        copy.putIfAbsent(MANAGEMENT_PORT, FreePort.pick());
        return copy;
    }

    /** GET on the management port (health, Prometheus metrics), from loopback like an operator. */
    public HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + context.getRequiredProperty(MANAGEMENT_PORT, Integer.class) + path);
    }

    /** POST with the given Content-Type. */
    public HttpResponse<String> postAs(String path, String body, String contentType, String authorization) {
        return send(request(path, authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST with extra headers (name, value, name, value, …). */
    public HttpResponse<String> post(String path, String json, String authorization, String... headers) {
        HttpRequest.Builder request = request(path, authorization).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String jwt) {
        return "Bearer " + jwt;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    public HttpResponse<String> post(String path, String json, String authorization) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> getWithCookie(String path, String cookie) {
        return send(request(path, null).header("Cookie", cookie).GET());
    }

    public HttpResponse<String> delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    /** POST /api/v1/tokens as the local admin; the response must be 201. */
    public JsonNode issue(String consumer) {
        HttpResponse<String> response = post("/api/v1/tokens", "{\"consumer\":\"" + consumer + "\"}", ADMIN);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
