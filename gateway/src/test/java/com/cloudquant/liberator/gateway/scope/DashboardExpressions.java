package com.cloudquant.liberator.gateway.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every {@code expr} of the project's Grafana dashboards (infra/grafana/dashboards/*.json), as written there. */
final class DashboardExpressions {

    private static final Path DASHBOARDS = Path.of("..", "infra", "grafana", "dashboards");

    private DashboardExpressions() {
    }

    static List<String> all() {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collect(new ObjectMapper().readTree(file.toFile()), expressions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isObject() && node.path("expr").isTextual()) {
            into.add(node.path("expr").textValue());
        }
        node.forEach(child -> collect(child, into));
    }
}
