package com.cloudquant.liberator.bench.tokenservice;

import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenservice.command.TokenIssuance;
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
import java.util.Base64;
import java.util.Arrays;

/** Sequential issues through the command side: validate, Axon, seal, Kafka commit, directory visible. */
final class IssueRun {

    private static final int WARMUP = 300;

    private final String bootstrapServers;
    private final String topic;
    private final Path keys;

    IssueRun(String bootstrapServers, String topic, Path keys) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.keys = keys;
    }

    Result run(int count) {
        try (ApplicationContext service = ApplicationContext.run(EmbeddedServer.class,
                ServiceSettings.of(bootstrapServers, topic, keys)).getApplicationContext()) {
            TokenIssuance issuance = service.getBean(TokenIssuance.class);
            for (int i = 0; i < WARMUP; i++) {
                issuance.issue("warmup-" + (i % 100), null, Scope.NONE, "bench", null);
            }
            long[] nanos = new long[count];
            long began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                issuance.issue("bench-" + (i % 1000), null, Scope.NONE, "bench", null);
                nanos[i] = System.nanoTime() - start;
            }
            long elapsed = System.nanoTime() - began;
            long[] http = overHttp(service.getBean(EmbeddedServer.class).getPort(), Math.min(count, 200));
            Arrays.sort(nanos);
            return new Result(count, nanos[count / 2], nanos[(int) Math.ceil(count * 0.99) - 1], nanos[count - 1],
                    count / (elapsed / 1e9), http.length, http[http.length / 2], http[(int) Math.ceil(http.length * 0.99) - 1]);
        }
    }

    /** POST /api/v1/tokens round trips: HTTP, Basic sign-in, JSON, then the same command path. */
    private static long[] overHttp(int port, int count) {
        HttpClient client = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ServiceSettings.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        long[] nanos = new long[count];
        for (int i = -30; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tokens"))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"consumer\":\"http-" + Math.floorMod(i, 1000) + "\"}")).build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    record Result(int count, long p50Nanos, long p99Nanos, long maxNanos, double perSecond,
                  int httpCount, long httpP50Nanos, long httpP99Nanos) {
    }
}
