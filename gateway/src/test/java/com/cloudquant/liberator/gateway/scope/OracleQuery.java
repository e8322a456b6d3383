package com.cloudquant.liberator.gateway.scope;

import java.util.regex.Pattern;

/**
 * One line of {@code scope/oracle-corpus.txt}: a PromQL template whose every vector selector holds
 * the marker {@value #MARKER} where a scope's matchers go.
 *
 * @param line     the line number in the corpus file, to find it again
 * @param template the query with its markers
 */
record OracleQuery(int line, String template) {

    static final String MARKER = "§";

    private static final Pattern MARKER_AFTER_COMMA = Pattern.compile(",\\s*" + MARKER);
    private static final Pattern MARKER_BEFORE_COMMA = Pattern.compile(MARKER + "\\s*,\\s*");
    /** {@code name{}}, left by removing the only marker: written as the bare name. */
    private static final Pattern EMPTY_BRACES = Pattern.compile("(?<=[A-Za-z0-9_:])\\{\\s*}");

    /** What the user writes: the template without its markers. */
    String unscoped() {
        String query = MARKER_AFTER_COMMA.matcher(template).replaceAll("");
        query = MARKER_BEFORE_COMMA.matcher(query).replaceAll("").replace(MARKER, "");
        return EMPTY_BRACES.matcher(query).replaceAll("");
    }

    /**
     * What the scoped query is, written by hand: the matchers of {@code scope} (a selector such as
     * {@code {namespace="payments"}}) at every marker.
     */
    String scopedBy(String scope) {
        if (!scope.startsWith("{") || !scope.endsWith("}")) {
            throw new IllegalArgumentException("a scope is a selector in braces: " + scope);
        }
        return template.replace(MARKER, scope.substring(1, scope.length() - 1));
    }

    int markers() {
        return template.split(MARKER, -1).length - 1;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + unscoped();
    }
}
