package com.cloudquant.liberator.promql;

import java.util.Objects;

/**
 * One PromQL label matcher, {@code name op "value"}, with Prometheus semantics: regexes are RE2,
 * fully anchored ({@code ^(?:value)$}); a series without the label is matched as if the label
 * were the empty string.
 *
 * @throws IllegalArgumentException from the constructor for a name that is not a label name
 *     ({@code [a-zA-Z_][a-zA-Z0-9_]*}), a value that is not well-formed Unicode, or a regex RE2 refuses
 */
public record LabelMatcher(String name, MatchType type, String value) {

    public LabelMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!isLabelName(name)) {
            throw new IllegalArgumentException("invalid label name " + StringLiterals.quote(name));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("label value is not well-formed Unicode");
            }
        }
        if (type.isRegex()) {
            Regexes.anchored(value);
        }
    }

    /** Whether a series whose label {@link #name()} has this value (or "" when absent) is matched. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> Regexes.anchored(value).matcher(v).matches();
            case NOT_REGEX -> !Regexes.anchored(value).matcher(v).matches();
        };
    }

    /** As Prometheus prints a matcher: {@code name=~"value"}, the value quoted as Go's {@code %q}. */
    @Override
    public String toString() {
        return name + type.symbol() + StringLiterals.quote(value);
    }

    static boolean isLabelName(String s) {
        if (s.isEmpty() || !isIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdentifierStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }
}
