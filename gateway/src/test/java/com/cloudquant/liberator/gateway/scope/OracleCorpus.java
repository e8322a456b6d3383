package com.cloudquant.liberator.gateway.scope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written corpus {@code scope/oracle-corpus.txt}: one {@link OracleQuery} template a line;
 * blank lines and lines starting with {@code #} are comments.
 */
final class OracleCorpus {

    static final String RESOURCE = "/scope/oracle-corpus.txt";

    private OracleCorpus() {
    }

    static List<OracleQuery> load() {
        try (InputStream in = OracleCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<OracleQuery> queries = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    queries.add(new OracleQuery(number, text));
                }
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
