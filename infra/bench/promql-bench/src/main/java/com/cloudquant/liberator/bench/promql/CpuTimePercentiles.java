package com.cloudquant.liberator.bench.promql;

import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.promql.ScopedQuery;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The same operation as {@link ScopedQueryBenchmark}, timed per call both on the wall clock and
 * as the thread's CPU time: on a shared, loaded machine the wall-clock tail is mostly time the
 * thread waited for a core, which the CPU time leaves out. Usage: corpus file, section
 * ("dashboard" or "all"), seconds of warm-up, seconds measured.
 */
public final class CpuTimePercentiles {

    private CpuTimePercentiles() {
    }

    public static void main(String[] args) throws IOException {
        List<String> queries = queries(Path.of(args[0]), args[1].equals("all"));
        Scope scope = Scope.parse("{namespace=\"payments\",cluster=~\"eu-.*\"}");
        run(queries, scope, Integer.parseInt(args[2]), false);
        run(queries, scope, Integer.parseInt(args[3]), true);
    }

    private static void run(List<String> queries, Scope scope, int seconds, boolean report) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[1 << 22];
        long[] cpu = new long[wall.length];
        int n = 0;
        long sink = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && n < wall.length) {
            String q = queries.get(n % queries.size());
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            sink += ScopedQuery.rewrite(q, scope).length();
            wall[n] = System.nanoTime() - w0;
            cpu[n] = threads.getCurrentThreadCpuTime() - c0;
            n++;
        }
        if (report) {
            System.out.printf("%d calls over %d queries (sink %d)%n", n, queries.size(), sink);
            print("wall", Arrays.copyOf(wall, n));
            print("cpu ", Arrays.copyOf(cpu, n));
        }
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%s us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", what, at(nanos, 0.50),
                at(nanos, 0.90), at(nanos, 0.99), at(nanos, 0.999), nanos[nanos.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1000.0;
    }

    private static List<String> queries(Path file, boolean all) throws IOException {
        List<String> queries = new ArrayList<>();
        boolean inDashboard = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("# ---")) {
                inDashboard = line.contains("dashboards");
            } else if (!line.isBlank() && !line.startsWith("#") && (inDashboard || all)) {
                queries.add(line);
            }
        }
        return queries;
    }
}
