package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/rules} for a scoped token: only rules whose own labels the scope admits, and of
 * their alerts only those whose labels it admits; groups left empty are dropped. A rule's
 * expression and its last error are redacted: the expression may name other tenants' series, and
 * an evaluation error can quote another tenant's labels.
 */
public final class RulesAnswer {

    /** What a scoped token sees instead of an expression: a PromQL comment, so tools that parse it do not fail. */
    static final String REDACTED_QUERY = "# redacted: rule expressions are not shown to scoped tokens";
    static final String REDACTED_ERROR = "redacted: rule errors are not shown to scoped tokens";

    private RulesAnswer() {
    }

    public static Filtered filter(byte[] answer, Scope scope) {
        ObjectNode root = JsonAnswers.read(answer);
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw JsonAnswers.unexpected();
        }
        ArrayNode groups = JsonAnswers.JSON.createArrayNode();
        for (JsonNode group : JsonAnswers.array(data.get("groups"))) {
            if (!group.isObject()) {
                throw JsonAnswers.unexpected();
            }
            ArrayNode rules = JsonAnswers.JSON.createArrayNode();
            for (JsonNode rule : JsonAnswers.array(group.get("rules"))) {
                if (!rule.isObject()) {
                    throw JsonAnswers.unexpected();
                }
                if (scope.admits(JsonAnswers.labels(rule.get("labels")))) {
                    rules.add(redacted((ObjectNode) rule, scope));
                }
            }
            if (!rules.isEmpty()) {
                groups.add(((ObjectNode) group).set("rules", rules));
            }
        }
        ((ObjectNode) data).set("groups", groups);
        return new Filtered(JsonAnswers.write(root), 0);
    }

    private static ObjectNode redacted(ObjectNode rule, Scope scope) {
        if (rule.has("query")) {
            rule.put("query", REDACTED_QUERY);
        }
        if (rule.hasNonNull("lastError") && !rule.get("lastError").asText().isEmpty()) {
            rule.put("lastError", REDACTED_ERROR);
        }
        if (rule.has("alerts")) {
            ArrayNode alerts = JsonAnswers.JSON.createArrayNode();
            for (JsonNode alert : JsonAnswers.array(rule.get("alerts"))) {
                if (alert.isObject() && scope.admits(JsonAnswers.labels(alert.get("labels")))) {
                    alerts.add(alert);
                }
            }
            rule.set("alerts", alerts);
        }
        return rule;
    }
}
