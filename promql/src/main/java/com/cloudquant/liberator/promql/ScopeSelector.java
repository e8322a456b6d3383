package com.cloudquant.liberator.promql;

import java.util.ArrayList;
import java.util.List;

/** Reads the text of a scope selector into checked matchers; every refusal names its position. */
final class ScopeSelector {

    private final String text;
    private int pos;

    private ScopeSelector(String text) {
        this.text = text;
    }

    static List<LabelMatcher> matchers(String text) {
        if (text == null) {
            throw new PromQLException(0, "a scope selector is required");
        }
        return new ScopeSelector(text).read();
    }

    private List<LabelMatcher> read() {
        skipSpace();
        if (pos < text.length() && LabelMatcher.isIdentifierStart(text.charAt(pos))) {
            throw new PromQLException(pos, "a scope has no metric name: write only {label=\"value\",…}");
        }
        expect('{', "'{' to start the scope selector");
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpace();
        while (pos < text.length() && text.charAt(pos) != '}') {
            matchers.add(matcher());
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (pos >= text.length() || text.charAt(pos) != '}') {
                throw expected("',' or '}' after a label matcher");
            }
        }
        if (matchers.isEmpty() && pos < text.length()) {
            throw new PromQLException(pos, "a scope needs at least one label matcher, e.g. {namespace=\"payments\"}");
        }
        expect('}', "'}' to close the scope selector");
        skipSpace();
        if (pos < text.length()) {
            throw new PromQLException(pos, "unexpected text after the scope selector");
        }
        return matchers;
    }

    private LabelMatcher matcher() {
        int start = pos;
        while (pos < text.length() && (pos == start ? LabelMatcher.isIdentifierStart(text.charAt(pos))
                : LabelMatcher.isIdentifierPart(text.charAt(pos)))) {
            pos++;
        }
        if (pos == start) {
            throw expected("a label name");
        }
        String name = text.substring(start, pos);
        if (name.equals("__name__")) {
            throw new PromQLException(start, "a scope cannot restrict __name__; scope by a label such as namespace");
        }
        skipSpace();
        int opAt = pos;
        MatchType type = operator();
        if (type != MatchType.EQUAL && type != MatchType.REGEX) {
            throw new PromQLException(opAt, "only = and =~ are allowed in a scope, not " + type.symbol());
        }
        skipSpace();
        char quote = pos < text.length() ? text.charAt(pos) : 0;
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw expected("a quoted label value");
        }
        int valueAt = pos;
        StringLiterals.Literal literal = StringLiterals.read(text, pos);
        pos = literal.end();
        LabelMatcher m;
        try {
            m = new LabelMatcher(name, type, literal.value());
        } catch (IllegalArgumentException e) {
            throw new PromQLException(valueAt, e.getMessage());
        }
        if (m.matches("")) {
            throw new PromQLException(valueAt, "scope matcher " + m + " matches the empty value, so it would admit"
                    + " series without the label " + name);
        }
        return m;
    }

    private MatchType operator() {
        String rest = text.substring(pos, Math.min(pos + 2, text.length()));
        for (MatchType t : new MatchType[] {MatchType.REGEX, MatchType.NOT_REGEX, MatchType.NOT_EQUAL}) {
            if (rest.equals(t.symbol())) {
                pos += 2;
                return t;
            }
        }
        if (rest.startsWith("=")) {
            pos++;
            return MatchType.EQUAL;
        }
        throw expected("'=' or '=~' after the label name");
    }

    private void expect(char c, String what) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw expected(what);
        }
        pos++;
    }

    private PromQLException expected(String what) {
        String found = pos >= text.length() ? "end of input" : StringLiterals.quote(text.substring(pos, pos + 1));
        return new PromQLException(pos, "expected " + what + ", found " + found);
    }

    /** Whitespace as the Prometheus lexer knows it, and {@code #} comments to the end of the line. */
    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }
}
