package com.cloudquant.liberator.promql;

import com.google.re2j.Pattern;
import java.util.Objects;
import java.util.function.Predicate;

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
            throw new IllegalArgumentException("invalid label name " + Quoting.quote(name));
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
        return compiled().test(labelValue == null ? "" : labelValue);
    }

    /** This matcher as a test of a label value, its regex compiled once (no cache look-up per call). */
    Predicate<String> compiled() {
        return switch (type) {
            case EQUAL -> value::equals;
            case NOT_EQUAL -> v -> !value.equals(v);
            case REGEX -> {
                Pattern p = Regexes.anchored(value);
                yield v -> p.matcher(v).matches();
            }
            case NOT_REGEX -> {
                Pattern p = Regexes.anchored(value);
                yield v -> !p.matcher(v).matches();
            }
        };
    }

    /** As Prometheus prints a matcher: {@code name=~"value"}, the value quoted as Go's {@code %q}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(name.length() + value.length() + 4)).toString();
    }

    StringBuilder appendTo(StringBuilder sb) {
        sb.append(name).append(type.symbol());
        return Quoting.appendQuoted(sb, value, false);
    }

    // Written out: the generated record equality goes through method handles, costly on the hot path.
    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && type == m.type && name.equals(m.name) && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type.hashCode()) * 31 + value.hashCode();
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
