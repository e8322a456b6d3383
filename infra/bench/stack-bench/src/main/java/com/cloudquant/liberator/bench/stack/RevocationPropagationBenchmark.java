package com.cloudquant.liberator.bench.stack;

import com.cloudquant.liberator.localstack.LocalStack;
import com.cloudquant.liberator.localstack.StackClient;
import com.cloudquant.liberator.localstack.StackPorts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issues N tokens through the local stack, then revokes them one at a time and measures,
 * for each, how long after the revoke call returned (the TokenRevoked event committed)
 * until BOTH gateway replicas refuse the token. Prints p50 / p99 / max.
 *
 * <p>Usage: {@code RevocationPropagationBenchmark [tokens=100] [repoRoot=.]}
 */
public final class RevocationPropagationBenchmark {

    private static final PrintStream OUT = System.out;
    private static final long POLL_MILLIS = 2;

    private RevocationPropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path repoRoot = Path.of(args.length > 1 ? args[1] : ".");
        Path data = Files.createTempDirectory("liberator-bench-stack");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(data, StackPorts.ephemeral(), true,
                "bench-admin-password", repoRoot, Duration.ofSeconds(30), null))) {
            StackClient client = new StackClient(stack);
            List<StackClient.Issued> issued = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                issued.add(client.issue("bench-" + i));
            }
            for (StackClient.Issued token : issued) {
                awaitStatus(client, token.token(), 200, Duration.ofSeconds(30));
            }
            double[] afterSuccess = new double[tokens];
            double[] afterCall = new double[tokens];
            for (int i = 0; i < tokens; i++) {
                long start = System.nanoTime();
                int status = client.revoke(issued.get(i).id()).statusCode();
                long acknowledged = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("revoke answered " + status);
                }
                long refused = awaitStatus(client, issued.get(i).token(), 401, Duration.ofSeconds(30));
                afterSuccess[i] = (refused - acknowledged) / 1e6;
                afterCall[i] = (refused - start) / 1e6;
            }
            OUT.printf("revocation propagation to both replicas, %d tokens (ms)%n", tokens);
            OUT.printf("| measured from | p50 | p99 | max |%n|---|---|---|---|%n");
            row("revoke call answered 200", afterSuccess);
            row("revoke call sent", afterCall);
        }
    }

    /** Polls both replicas directly until both answer {@code status}; returns System.nanoTime() then. */
    private static long awaitStatus(StackClient client, String token, int status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean[] done = new boolean[2];
        while (System.nanoTime() < deadline) {
            for (int replica = 0; replica < 2; replica++) {
                if (!done[replica]) {
                    done[replica] = client.queryReplica(replica, token, "1").statusCode() == status;
                }
            }
            if (done[0] && done[1]) {
                return System.nanoTime();
            }
            Thread.sleep(POLL_MILLIS); // pacing of the probe, not a wait for a condition
        }
        throw new IllegalStateException("replicas did not answer " + status + " within " + timeout);
    }

    private static void row(String label, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        OUT.printf("| %s | %.0f | %.0f | %.0f |%n", label, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
