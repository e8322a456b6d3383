package com.cloudquant.liberator.promql.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared query corpus, {@code promql-corpus.txt} on the test classpath (also readable by
 * path, {@code promql/src/test/resources/promql-corpus.txt}): one query per line, lines starting
 * with {@code #} and blank lines skipped.
 */
public final class Corpus {

    private Corpus() {
    }

    public static List<String> queries() {
        return lines("/promql-corpus.txt");
    }

    /** The queries of the dashboard section only (the benchmark's load). */
    public static List<String> dashboard() {
        List<String> all = new ArrayList<>();
        boolean inDashboard = false;
        for (String line : raw("/promql-corpus.txt")) {
            if (line.startsWith("# ---")) {
                inDashboard = line.contains("dashboards");
            } else if (inDashboard && !line.isBlank() && !line.startsWith("#")) {
                all.add(line);
            }
        }
        return all;
    }

    public static List<String> lines(String resource) {
        List<String> queries = new ArrayList<>();
        for (String line : raw(resource)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                queries.add(line);
            }
        }
        return queries;
    }

    private static List<String> raw(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
