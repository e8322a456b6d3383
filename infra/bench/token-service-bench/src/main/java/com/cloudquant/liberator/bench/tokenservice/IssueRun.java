package com.cloudquant.liberator.bench.tokenservice;

import com.cloudquant.liberator.tokenservice.command.TokenIssuance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
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
                issuance.issue("warmup-" + (i % 100), null, "bench");
            }
            long[] nanos = new long[count];
            long began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                issuance.issue("bench-" + (i % 1000), null, "bench");
                nanos[i] = System.nanoTime() - start;
            }
            long elapsed = System.nanoTime() - began;
            Arrays.sort(nanos);
            return new Result(count, nanos[count / 2], nanos[(int) Math.ceil(count * 0.99) - 1], nanos[count - 1],
                    count / (elapsed / 1e9));
        }
    }

    record Result(int count, long p50Nanos, long p99Nanos, long maxNanos, double perSecond) {
    }
}
