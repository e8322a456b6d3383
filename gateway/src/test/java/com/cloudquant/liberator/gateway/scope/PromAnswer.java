package com.cloudquant.liberator.gateway.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus query answer in a form two answers can be compared in: the {@code data} object with
 * its series sorted by their labels and each series' labels sorted by name. Sample values stay the
 * strings Prometheus wrote, so floats compare exactly, digit for digit.
 *
 * @param success    HTTP 200 with {@code "status":"success"}
 * @param status     HTTP status
 * @param resultType {@code vector}, {@code matrix}, {@code scalar} or {@code string}; empty for an error
 * @param canonical  the canonical {@code data} (success) or {@code errorType: error} text
 * @param series     how many series (or 1 for a scalar or string) the answer holds
 */
record PromAnswer(boolean success, int status, String resultType, String canonical, int series) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PromAnswer of(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return new PromAnswer(false, response.statusCode(), "", "not JSON: " + abbreviate(response.body()), 0);
        }
        if (!"success".equals(body.path("status").asText())) {
            return new PromAnswer(false, response.statusCode(), "",
                    body.path("errorType").asText() + ": " + body.path("error").asText(), 0);
        }
        JsonNode data = body.path("data");
        JsonNode result = data.path("result");
        boolean success = response.statusCode() == 200;
        String resultType = data.path("resultType").asText();
        if (!resultType.equals("vector") && !resultType.equals("matrix")) {
            return new PromAnswer(success, response.statusCode(), resultType, data.toString(), 1);
        }
        List<ObjectNode> series = new ArrayList<>();
        for (JsonNode one : result) {
            ObjectNode copy = ((ObjectNode) one).deepCopy();
            copy.set("metric", sortedLabels(one.path("metric")));
            series.add(copy);
        }
        series.sort(Comparator.comparing(s -> s.path("metric").toString()));
        ObjectNode canonical = JSON.createObjectNode();
        canonical.put("resultType", resultType);
        ArrayNode sorted = canonical.putArray("result");
        series.forEach(sorted::add);
        return new PromAnswer(success, response.statusCode(), resultType, canonical.toString(), series.size());
    }

    /** Whether Prometheus parsed the query: a success, or an error of execution rather than {@code bad_data}. */
    boolean parses() {
        return success || (status != 400 && !canonical.startsWith("bad_data") && !canonical.startsWith("not JSON"));
    }

    /** Whether the answer holds no series (a scalar or string answer is never empty). */
    boolean isEmpty() {
        return series == 0;
    }

    private static ObjectNode sortedLabels(JsonNode metric) {
        Map<String, String> labels = new TreeMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        ObjectNode sorted = JSON.createObjectNode();
        labels.forEach(sorted::put);
        return sorted;
    }

    static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " characters)";
    }
}
