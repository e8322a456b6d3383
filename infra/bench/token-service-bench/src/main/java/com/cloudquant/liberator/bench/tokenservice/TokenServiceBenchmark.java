package com.cloudquant.liberator.bench.tokenservice;

import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue+commit latency and sequential throughput of the real token-service (Axon + the Kafka
 * storage engine, no HTTP) against an embedded broker, then the rebuild time of a long log.
 *
 * <p>Arguments: {@code [issues=2000] [rebuildEvents=100000]}. Prints a Markdown table.
 */
public final class TokenServiceBenchmark {

    private TokenServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int issues = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rebuildEvents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path keys = Files.createTempDirectory("token-bench-keys");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            IssueRun.Result issue = new IssueRun(kafka.bootstrapServers(),
                    TokenTopic.local("bench-issue").createIn(kafka).name(), keys).run(issues);
            RebuildRun.Result rebuild = new RebuildRun(kafka.bootstrapServers(),
                    TokenTopic.local("bench-rebuild").createIn(kafka).name(), keys).run(rebuildEvents);
            System.out.println();
            System.out.println("| measurement | value |");
            System.out.println("|---|---|");
            row("issue+commit latency p50 (" + issue.count() + " sequential issues)", ms(issue.p50Nanos()));
            row("issue+commit latency p99", ms(issue.p99Nanos()));
            row("issue+commit latency max", ms(issue.maxNanos()));
            row("sequential issue throughput", String.format(Locale.ROOT, "%.0f tokens/s", issue.perSecond()));
            row("POST /api/v1/tokens over HTTP, Basic sign-in (default 210,000 PBKDF2 iterations), p50 of "
                    + issue.httpCount(), ms(issue.httpP50Nanos()));
            row("POST /api/v1/tokens over HTTP, p99", ms(issue.httpP99Nanos()));
            row("rebuild: read + verify " + rebuild.events() + " events into the index (storage engine start)",
                    ms(rebuild.engineStartNanos()));
            row("rebuild: whole service start until the token list shows all " + rebuild.tokens() + " tokens",
                    ms(rebuild.serviceStartNanos()));
        }
    }

    private static void row(String what, String value) {
        System.out.println("| " + what + " | " + value + " |");
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
