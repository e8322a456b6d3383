package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.command.ScopeText;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/tokens}, parsed strictly by hand so every mistake gets a
 * message that says what to send instead. {@code scope} is {@link Scope#NONE} when the body has none.
 */
record IssueTokenRequest(String consumer, Instant expiresAt, Scope scope) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("consumer", "expiresAt", "scope");
    private static final String EXAMPLE = "{\"consumer\":\"grafana-prod\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}";

    static IssueTokenRequest parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidTokenRequestException(null, "the body is not valid JSON" + where + ": send " + EXAMPLE);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTokenRequestException(null, "the body must be a JSON object: send " + EXAMPLE);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidTokenRequestException(name, "unknown field '" + name
                        + "': only consumer, expiresAt and scope (both optional) are accepted, e.g. " + EXAMPLE);
            }
        }
        JsonNode consumer = root.get("consumer");
        if (consumer == null || !consumer.isTextual()) {
            throw new InvalidTokenRequestException("consumer",
                    "consumer is required and must be a string naming the logical consumer, e.g. \"grafana-prod\"");
        }
        return new IssueTokenRequest(consumer.textValue(), expiry(root.get("expiresAt")), scope(root.get("scope")));
    }

    /** The scope as a label selector; a bad one is refused by {@link ScopeText}, which says where and why. */
    private static Scope scope(JsonNode node) {
        if (node == null || node.isNull()) {
            return Scope.NONE;
        }
        if (!node.isTextual()) {
            throw ScopeText.notAString();
        }
        return ScopeText.parse(node.textValue());
    }

    private static Instant expiry(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return Instant.parse(node.textValue());
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new InvalidTokenRequestException("expiresAt",
                "expiresAt must be an ISO-8601 UTC instant such as \"2027-01-01T00:00:00Z\", or be left out for no expiry");
    }
}
