package com.cloudquant.liberator.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a scope selector with the query lexer, then applies the scope's own rules
 * (no metric name, at least one matcher, only = and =~, no __name__, nothing that matches "").
 */
final class ScopeSelector {

    private ScopeSelector() {
    }

    static List<LabelMatcher> matchers(String text) {
        if (text == null) {
            throw new PromQLException(0, "a scope selector is required");
        }
        TokenStream ts = new TokenStream(text);
        Token first = ts.peek();
        if (first.type() != TokenType.LEFT_BRACE) {
            if (first.type().isMetricName()) {
                throw new PromQLException(first.pos(), "a scope has no metric name: write only {label=\"value\",…}");
            }
            throw ts.unexpected("'{' to start the scope selector");
        }
        if (ts.peekSecond().type() == TokenType.RIGHT_BRACE) {
            throw new PromQLException(ts.peekSecond().pos(),
                    "a scope needs at least one label matcher, e.g. {namespace=\"payments\"}");
        }
        List<Selectors.Located> located = Selectors.matchers(ts);
        if (!ts.at(TokenType.EOF)) {
            throw ts.unexpected("the end of the scope selector");
        }
        List<LabelMatcher> matchers = new ArrayList<>(located.size());
        for (Selectors.Located l : located) {
            matchers.add(checked(l));
        }
        return matchers;
    }

    private static LabelMatcher checked(Selectors.Located located) {
        LabelMatcher m = located.matcher();
        if (m.name().equals("__name__")) {
            throw new PromQLException(located.namePos(),
                    "a scope cannot restrict __name__; scope by a label such as namespace");
        }
        if (m.type() != MatchType.EQUAL && m.type() != MatchType.REGEX) {
            throw new PromQLException(located.opPos(), "only = and =~ are allowed in a scope, not " + m.type().symbol());
        }
        if (m.matches("")) {
            throw new PromQLException(located.valuePos(), "scope matcher " + m + " matches the empty value, so it"
                    + " would admit series without the label " + m.name());
        }
        return m;
    }
}
