package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the {@code data} array of a Prometheus answer token by token, so an answer of millions
 * of series costs a counter, not memory: it is never materialised.
 */
final class StreamedAnswers {

    private static final JsonFactory JSON = new JsonFactory();

    private StreamedAnswers() {
    }

    /** How many items {@code data} holds, counted up to {@code cap}; beyond it reading stops. */
    record Count(long count, boolean capped) {
    }

    /** The first {@code keep} values of {@code data} in sorted order, and how many there are. */
    record Names(List<String> first, long total) {
    }

    /** Counts the series of a {@code /api/v1/series} answer; stops at the first one beyond {@code cap}. */
    static Count count(InputStream body, long cap) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            toData(parser);
            long count = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                if (count == cap) {
                    return new Count(cap, true); // closing the stream drops the rest of the answer
                }
                count++;
                parser.skipChildren();
            }
            return new Count(count, false);
        }
    }

    /** The values of a {@code /api/v1/label/…/values} answer: the {@code keep} smallest, and the total. */
    static Names names(InputStream body, int keep) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            toData(parser);
            TreeSet<String> first = new TreeSet<>();
            long total = 0;
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                total++;
                first.add(parser.getText());
                if (first.size() > keep) {
                    first.pollLast();
                }
            }
            return new Names(List.copyOf(first), total);
        }
    }

    /** Moves the parser onto the start of the top-level {@code data} array. */
    private static void toData(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the answer is not a Prometheus API answer (no JSON object)");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("data")) {
                if (value != JsonToken.START_ARRAY) {
                    throw new IOException("the answer's data is not a list");
                }
                return;
            }
            parser.skipChildren();
        }
        throw new IOException("the answer has no data");
    }
}
