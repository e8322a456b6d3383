package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.command.ScopeText;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/tokens}, parsed strictly by hand so every mistake gets a
 * message that says what to send instead. {@code scope} is {@link Scope#NONE} when the body has none,
 * {@code limits} {@link TokenLimits#NONE}.
 */
record IssueTokenRequest(String consumer, Instant expiresAt, Scope scope, TokenLimits limits) {

    /** A field twice is refused, not read as its last value: whoever reads the first would see another token. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS = Set.of("consumer", "expiresAt", "scope", "limits");
    private static final String LIMITS_EXAMPLE = "{\"maxRange\":\"90d\",\"ratePerSecond\":5}";
    /** How Jackson's duplicate detection starts its message, before the field's name and a closing quote. */
    private static final String DUPLICATE = "Duplicate field '";
    private static final String EXAMPLE = "{\"consumer\":\"grafana-prod\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}";

    static IssueTokenRequest parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String duplicate = e.getOriginalMessage();
            if (duplicate != null && duplicate.startsWith(DUPLICATE)) {
                throw new InvalidTokenRequestException(null, "the body names field '"
                        + Printable.line(duplicate.substring(DUPLICATE.length(), duplicate.length() - 1)) + "' twice" + where
                        + ": send each field once, e.g. " + EXAMPLE);
            }
            throw new InvalidTokenRequestException(null, "the body is not valid JSON" + where + ": send " + EXAMPLE);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTokenRequestException(null, "the body must be a JSON object: send " + EXAMPLE);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidTokenRequestException(name, "unknown field '" + name
                        + "': only consumer, expiresAt, scope and limits (all but consumer optional) are accepted, e.g. "
                        + EXAMPLE);
            }
        }
        JsonNode consumer = root.get("consumer");
        if (consumer == null || !consumer.isTextual()) {
            throw new InvalidTokenRequestException("consumer",
                    "consumer is required and must be a string naming the logical consumer, e.g. \"grafana-prod\"");
        }
        return new IssueTokenRequest(consumer.textValue(), expiry(root.get("expiresAt")), scope(root.get("scope")),
                limits(root.get("limits")));
    }

    /**
     * The limits the issuer grants this token instead of the gateway's defaults: an object of limits, each
     * a string or a JSON number as {@link TokenLimits#typed} reads it; a bad one is a 400 naming its field.
     */
    private static TokenLimits limits(JsonNode node) {
        if (node == null || node.isNull()) {
            return TokenLimits.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidTokenRequestException("limits", "limits must be an object of the limits this token has"
                    + " instead of the gateway's defaults, e.g. " + LIMITS_EXAMPLE + "; leave it out for the defaults");
        }
        Map<String, String> typed = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isTextual() && !value.isNumber()) {
                throw new InvalidTokenRequestException("limits." + field.getKey(), "limits." + field.getKey()
                        + " must be a string or a number, e.g. " + LIMITS_EXAMPLE);
            }
            // a JSON number as its shortest text (5, 0.5): a count given with a fraction (5.0) is refused, not rounded
            typed.put(field.getKey(), value.isTextual() ? value.textValue() : value.asText());
        }
        try {
            return TokenLimits.typed(typed);
        } catch (TokenLimits.InvalidLimitException e) {
            throw new InvalidTokenRequestException(e.field(), e.getMessage());
        }
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
