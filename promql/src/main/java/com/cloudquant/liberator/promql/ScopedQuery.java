package com.cloudquant.liberator.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Confines a PromQL query, or a {@code match[]} series selector, to a {@link Scope}: every vector
 * selector anywhere in it gets all the scope's matchers, ANDed with the user's own (a user
 * matcher on the same label stays, so a disjoint one selects nothing, never more).
 *
 * <p>What is forwarded is always the re-printed tree, never the original text. Before returning,
 * the printed text is parsed again and must give the same tree with the scope on every selector;
 * otherwise the query is refused. Anything that does not parse as Prometheus 2.42 parses it is
 * refused with a {@link PromQLException} naming the position.
 */
public final class ScopedQuery {

    private ScopedQuery() {
    }

    /**
     * The query to forward upstream: {@code query} with {@code scope} on every selector; for
     * {@link Scope#NONE}, the query re-printed unchanged in meaning.
     *
     * @throws PromQLException if the query does not parse, fails Prometheus's checks, or the
     *     rewrite cannot be proven to carry the scope
     */
    public static String rewrite(String query, Scope scope) {
        Objects.requireNonNull(scope, "scope");
        if (query == null) {
            throw new PromQLException(0, "no expression found in input");
        }
        Expr scoped = Trees.mapSelectors(Parser.parse(query), vs -> withScope(vs, scope));
        String text = Printer.print(scoped);
        verify(text, Parser.parse(text), scope);
        return text;
    }

    /**
     * A {@code match[]} value (a series selector: metric name and/or matchers, no offset, range or
     * operator) with {@code scope}'s matchers added, printed; for {@link Scope#NONE}, re-printed.
     *
     * @throws PromQLException for anything that is not a valid series selector
     */
    public static String rewriteSelector(String matchSelector, Scope scope) {
        Objects.requireNonNull(scope, "scope");
        if (matchSelector == null) {
            throw new PromQLException(0, "a series selector is required");
        }
        Expr.VectorSelector scoped = withScope(selector(matchSelector), scope);
        String text = Printer.print(scoped);
        verify(text, selector(text), scope);
        return text;
    }

    private static Expr.VectorSelector selector(String text) {
        TokenStream ts = new TokenStream(text);
        Token first = ts.peek();
        Expr.VectorSelector vs;
        if (first.type() == TokenType.LEFT_BRACE) {
            vs = Selectors.read(ts, "", first.pos());
        } else if (first.type().isMetricName()) {
            ts.next();
            vs = Selectors.read(ts, first.text(), first.pos());
        } else {
            throw ts.unexpected("a series selector (a metric name and/or {label matchers})");
        }
        if (!ts.at(TokenType.EOF)) {
            throw ts.unexpected("the end of the series selector");
        }
        return vs;
    }

    private static Expr.VectorSelector withScope(Expr.VectorSelector vs, Scope scope) {
        List<LabelMatcher> matchers = new ArrayList<>(vs.matchers());
        for (LabelMatcher m : scope.matchers()) {
            if (!matchers.contains(m)) {
                matchers.add(m);
            }
        }
        return vs.withMatchers(matchers);
    }

    /**
     * Fails closed unless the printed text parses back to a tree that prints as the same text (the
     * printer writes every node, so the tree is the one built) and every selector in that tree
     * carries the scope. Texts are compared rather than trees: record equality recurses through
     * the method-handle machinery and would need far more stack on deep queries.
     */
    static void verify(String text, Expr reparsed, Scope scope) {
        if (!Printer.print(reparsed).equals(text)) {
            throw new PromQLException(0, "query refused: its rewritten form did not parse back to the same query");
        }
        for (Expr.VectorSelector vs : Trees.selectors(reparsed)) {
            if (!vs.matchers().containsAll(scope.matchers())) {
                throw new PromQLException(0, "query refused: a selector of the rewritten query lacks the scope");
            }
        }
    }
}
