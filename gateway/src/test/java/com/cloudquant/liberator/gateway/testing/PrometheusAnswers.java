package com.cloudquant.liberator.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** Reading Prometheus answers in tests: the {@code data} of a successful JSON answer, the series of a federate page. */
public final class PrometheusAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusAnswers() {
    }

    /** The {@code data} of an answer that must say {@code "status":"success"}. */
    public static JsonNode data(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            assertThat(node.path("status").asText()).as(body).isEqualTo("success");
            return node.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The series (name and labels, without value or timestamp) of a text-format exposition, sorted. */
    public static Set<String> seriesOf(String exposition) {
        Set<String> series = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                series.add(line.substring(0, line.lastIndexOf('}') + 1));
            }
        }
        return series;
    }
}
