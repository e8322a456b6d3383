package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.promql.LabelMatcher;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filters Prometheus's JSON answers ({@code {"status":"success","data":…}}) for a scoped token.
 * An answer that is not the shape Prometheus documents cannot be checked, so it is refused (502),
 * never passed on unchecked.
 */
public final class JsonAnswers {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    /** {@code /api/v1/series}: drops every series (label set) the scope does not admit. */
    public static Filtered series(byte[] answer, Scope scope) {
        ObjectNode root = read(answer);
        ArrayNode kept = JSON.createArrayNode();
        int dropped = 0;
        for (JsonNode series : array(root.get("data"))) {
            if (series.isObject() && scope.admits(labels(series))) {
                kept.add(series);
            } else {
                dropped++;
            }
        }
        root.set("data", kept);
        return new Filtered(write(root), dropped);
    }

    /**
     * {@code /api/v1/label/<name>/values}: when the scope restricts {@code labelName}, drops each
     * value its matchers on that label refuse. Values of other labels carry no series to check.
     */
    public static Filtered labelValues(byte[] answer, String labelName, Scope scope) {
        ObjectNode root = read(answer);
        ArrayNode kept = JSON.createArrayNode();
        int dropped = 0;
        for (JsonNode value : array(root.get("data"))) {
            if (value.isTextual() && allows(scope, labelName, value.asText())) {
                kept.add(value);
            } else {
                dropped++;
            }
        }
        root.set("data", kept);
        return new Filtered(write(root), dropped);
    }

    /**
     * {@code /api/v1/metadata}: only the metric names in {@code visible}, then at most
     * {@code limit} of them (in name order) when {@code limit >= 0}, as Prometheus applies it.
     * Names left out are not violations: metadata is per name, not per series.
     */
    public static Filtered metadata(byte[] answer, Set<String> visible, int limit) {
        ObjectNode root = read(answer);
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw unexpected();
        }
        ObjectNode kept = JSON.createObjectNode();
        for (String name : new TreeSet<String>(toList(data.fieldNames()))) {
            if (visible.contains(name) && (limit < 0 || kept.size() < limit)) {
                kept.set(name, data.get(name));
            }
        }
        root.set("data", kept);
        return new Filtered(write(root), 0);
    }

    /** The strings of a {@code data} array, e.g. of {@code label/__name__/values}. */
    public static Set<String> strings(byte[] answer) {
        Set<String> values = new TreeSet<>();
        for (JsonNode value : array(read(answer).get("data"))) {
            if (!value.isTextual()) {
                throw unexpected();
            }
            values.add(value.asText());
        }
        return values;
    }

    static boolean allows(Scope scope, String labelName, String value) {
        for (LabelMatcher m : scope.matchers()) {
            if (m.name().equals(labelName) && !m.matches(value)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new HashMap<>();
        if (object == null || object.isNull()) {
            return labels;
        }
        if (!object.isObject()) {
            throw unexpected();
        }
        object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static ObjectNode read(byte[] answer) {
        try {
            JsonNode root = JSON.readTree(answer);
            if (root == null || !root.isObject() || !"success".equals(root.path("status").asText())) {
                throw unexpected();
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            throw unexpected();
        }
    }

    static ArrayNode array(JsonNode node) {
        if (node == null || node.isNull()) {
            return JSON.createArrayNode(); // Prometheus writes null for an empty list
        }
        if (!node.isArray()) {
            throw unexpected();
        }
        return (ArrayNode) node;
    }

    static byte[] write(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw unexpected();
        }
    }

    static GatewayRejection unexpected() {
        return new GatewayRejection(HttpStatus.BAD_GATEWAY, "unavailable",
                "the upstream answer is not in the shape Prometheus documents, so it cannot be checked against this"
                        + " token's scope and is not passed on", "scope_unchecked_answer");
    }

    private static List<String> toList(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
