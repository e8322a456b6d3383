package com.cloudquant.liberator.bench.promql;

import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.promql.ScopedQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway pays per scoped query: parse, add the scope to every selector, print, and
 * the re-parse check ({@link ScopedQuery#rewrite}), one query per operation, cycling through
 * the corpus. Sample-time mode, so JMH reports percentiles (p0.99 is the target).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScopedQueryBenchmark {

    /** "dashboard": the Grafana dashboard's expressions; "all": the whole corpus. */
    @Param({"dashboard", "all"})
    public String corpus;

    /** The corpus file, relative to the repository root (run.sh runs from there). */
    @Param({"promql/src/test/resources/promql-corpus.txt"})
    public String file;

    private final Scope scope = Scope.parse("{namespace=\"payments\",cluster=~\"eu-.*\"}");
    private List<String> queries;
    private int next;

    @Setup
    public void load() throws IOException {
        queries = new ArrayList<>();
        boolean inDashboard = false;
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith("# ---")) {
                inDashboard = line.contains("dashboards");
            } else if (!line.isBlank() && !line.startsWith("#") && (inDashboard || corpus.equals("all"))) {
                queries.add(line);
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalStateException("no queries for corpus=" + corpus + " in " + file);
        }
    }

    @Benchmark
    public String parseScopePrint() {
        String q = queries.get(next);
        next = next + 1 == queries.size() ? 0 : next + 1;
        return ScopedQuery.rewrite(q, scope);
    }
}
