package com.cloudquant.liberator.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user does with the stack, over plain HTTP: issue, revoke, list, query, read a
 * replica's metrics. Used by the end-to-end tests and the benchmarks; failures of the call
 * itself surface as {@link java.io.UncheckedIOException}.
 */
public final class StackClient {

    private static final Pattern FIELD = Pattern.compile("\"(id|token)\"\\s*:\\s*\"([^\"]+)\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack stack;

    public StackClient(LocalStack stack) {
        this.stack = stack;
    }

    /** An issued token: its id and the secret, as the one response that carries it said. */
    public record Issued(String id, String token) {
    }

    public HttpResponse<String> issueRaw(String consumer) {
        return issueRaw(JSON.createObjectNode().put("consumer", consumer));
    }

    private HttpResponse<String> issueRaw(ObjectNode body) {
        return send(admin(stack.publicUrl() + "/api/v1/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    public Issued issue(String consumer) {
        return issued(issueRaw(consumer));
    }

    /** A token confined to {@code scope}, a selector in Prometheus syntax such as {@code {job="node"}}. */
    public Issued issueScoped(String consumer, String scope) {
        return issued(issueRaw(JSON.createObjectNode().put("consumer", consumer).put("scope", scope)));
    }

    private static Issued issued(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("issue answered " + response.statusCode() + ": " + response.body());
        }
        return new Issued(field(response.body(), "id"), field(response.body(), "token"));
    }

    public HttpResponse<String> revoke(String id) {
        return send(admin(stack.publicUrl() + "/api/v1/tokens/" + id).DELETE().build());
    }

    /** One token's view (status, consumer, hint) from the token-service. */
    public HttpResponse<String> token(String id) {
        return send(admin(stack.publicUrl() + "/api/v1/tokens/" + id).GET().build());
    }

    public HttpResponse<String> list() {
        return send(admin(stack.publicUrl() + "/api/v1/tokens").GET().build());
    }

    /** The System Monitoring view's numbers, as the admin sees them. */
    public HttpResponse<String> monitoringSummary() {
        return send(admin(stack.publicUrl() + "/api/v1/monitoring/summary").GET().build());
    }

    /** An instant query through the public entry (nginx → a gateway replica). */
    public HttpResponse<String> query(String token, String promql) {
        return queryAt(stack.publicUrl(), token, promql);
    }

    /** Grafana's default: a form-encoded POST. */
    public HttpResponse<String> postQuery(String token, String promql) {
        return send(HttpRequest.newBuilder(URI.create(stack.publicUrl() + "/metrics-api-bearer/api/v1/query"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + encode(promql))).build());
    }

    /** An instant query straight at one replica, bypassing nginx. */
    public HttpResponse<String> queryReplica(int replica, String token, String promql) {
        return queryAt("http://127.0.0.1:" + stack.ports().gateways().get(replica), token, promql);
    }

    /** The replica's readiness probe status: 200 only while it can prove it is current. */
    public int replicaReadiness(int replica) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + stack.ports().gatewayManagement().get(replica) + ServiceCommands.GATEWAY_READINESS))
                .timeout(Duration.ofSeconds(10)).GET().build()).statusCode();
    }

    /** The replica's own Prometheus metrics text. */
    public String replicaMetrics(int replica) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + stack.ports().gatewayManagement().get(replica) + ServiceCommands.GATEWAY_METRICS)).GET().build()).body();
    }

    /** Sum of {@code liberator_gateway_requests_total} samples with code 200 on one replica. */
    public double servedOk(int replica) {
        double sum = 0;
        for (String line : replicaMetrics(replica).split("\n")) {
            if (line.startsWith("liberator_gateway_requests_total{") && line.contains("code=\"200\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private HttpResponse<String> queryAt(String base, String token, String promql) {
        return send(HttpRequest.newBuilder(URI.create(base + "/metrics-api-bearer/api/v1/query?query=" + encode(promql)))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpRequest.Builder admin(String url) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + stack.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The {@code id} or {@code token} field of a JSON answer. */
    public static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no '" + name + "' in " + json);
    }
}
