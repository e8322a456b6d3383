package com.cloudquant.liberator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deterministic JSON: object keys sorted by code point, no insignificant whitespace,
 * UTF-8, and the string escapes that {@code jq -c -S} produces, so an auditor can
 * reproduce the bytes with standard tools.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(integer(node).bigIntegerValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /**
     * Throws exactly where {@link #write} would, without writing: readers check that a
     * record has a canonical form once, then hash it once.
     */
    static void check(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> node.fields().forEachRemaining(field -> {
                check(field.getKey());
                check(field.getValue());
            });
            case ARRAY -> node.forEach(CanonicalJson::check);
            case STRING -> check(node.textValue());
            case NUMBER -> integer(node);
            case BOOLEAN, NULL -> {
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** Throws where {@link #string} would. */
    static void check(String s) {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                i = pairedSurrogateEnd(s, i);
            }
        }
    }

    private static JsonNode integer(JsonNode node) {
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException("canonical JSON allows integers only, got " + node);
        }
        return node;
    }

    /**
     * UTF-8 would turn a lone surrogate into '?', so two different strings could share one
     * canonical form (and one hash): refuse instead. Returns the index of the low surrogate.
     */
    private static int pairedSurrogateEnd(String s, int i) {
        if (!Character.isHighSurrogate(s.charAt(i)) || i + 1 >= s.length()
                || !Character.isLowSurrogate(s.charAt(i + 1))) {
            throw new IllegalArgumentException("string contains an unpaired UTF-16 surrogate");
        }
        return i + 1;
    }

    static void string(String s, StringBuilder out) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isSurrogate(c)) {
                        int end = pairedSurrogateEnd(s, i);
                        out.append(c).append(s.charAt(end));
                        i = end;
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
