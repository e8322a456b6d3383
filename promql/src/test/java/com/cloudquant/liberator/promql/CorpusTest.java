package com.cloudquant.liberator.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.testing.Corpus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus's dashboard section stays the dashboards' expressions (the benchmark's load). */
class CorpusTest {

    @Test
    void dashboardSectionHoldsEveryGrafanaExpression() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("../infra/grafana/dashboards"), "*.json")) {
            for (Path file : files) {
                collect(new ObjectMapper().readTree(file.toFile()), expressions);
            }
        }
        assertThat(expressions).isNotEmpty();
        assertThat(Corpus.dashboard()).containsExactlyInAnyOrderElementsOf(
                expressions.stream().map(e -> e.replace("$__rate_interval", "1m")).toList());
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject() && node.path("expr").isTextual()) {
            out.add(node.path("expr").asText());
        }
        node.forEach(child -> collect(child, out));
    }
}
