package com.cloudquant.liberator.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading Prometheus answers in tests: any JSON answer, the {@code data} of a successful one, a
 * Prometheus-style error (the gateway's refusals), the series of a federate page.
 */
public final class PrometheusAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusAnswers() {
    }

    /** A JSON answer, parsed. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    /** The {@code data} of an answer that must say {@code "status":"success"}. */
    public static JsonNode data(String body) {
        JsonNode node = json(body);
        assertThat(node.path("status").asText()).as(body).isEqualTo("success");
        return node.path("data");
    }

    /**
     * Asserts a Prometheus-style error answer: {@code status}, JSON {@code {"status":"error"}} with
     * {@code errorType}, and an {@code error} message containing every part of {@code message}.
     */
    public static void assertError(HttpResponse<String> response, int status, String errorType, String... message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response.body());
        assertThat(body.path("status").asText()).as(response.body()).isEqualTo("error");
        assertThat(body.path("errorType").asText()).as(response.body()).isEqualTo(errorType);
        assertThat(body.path("error").asText()).contains(message);
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
