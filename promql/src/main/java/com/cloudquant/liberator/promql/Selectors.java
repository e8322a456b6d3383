package com.cloudquant.liberator.promql;

import java.util.ArrayList;
import java.util.List;

/** Reads the label-matcher part of a selector, {@code {name op "value", …}}, with positions. */
final class Selectors {

    /** A matcher and where its label name and its value start. */
    record Located(LabelMatcher matcher, int namePos, int opPos, int valuePos) {
    }

    private Selectors() {
    }

    /** {@code name} (possibly "") and, if a brace follows, its matchers; checked as Prometheus checks them. */
    static Expr.VectorSelector read(TokenStream ts, String name, int pos) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (ts.at(TokenType.LEFT_BRACE)) {
            for (Located m : matchers(ts)) {
                matchers.add(m.matcher());
            }
        }
        check(name, matchers, pos);
        return new Expr.VectorSelector(name, matchers, Expr.Modifiers.NONE);
    }

    static void check(String name, List<LabelMatcher> matchers, int pos) {
        if (!name.isEmpty()) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals("__name__")) {
                    throw new PromQLException(pos, "metric name must not be set twice: "
                            + Quoting.quote(name) + " or " + Quoting.quote(m.value()));
                }
            }
            return;
        }
        for (LabelMatcher m : matchers) {
            if (!m.matches("")) {
                return;
            }
        }
        throw new PromQLException(pos, "vector selector must contain at least one non-empty matcher");
    }

    /** {@code { matcher, … }} with an optional trailing comma; the brace is the next token. */
    static List<Located> matchers(TokenStream ts) {
        ts.expect(TokenType.LEFT_BRACE, "'{'");
        List<Located> matchers = new ArrayList<>();
        if (ts.accept(TokenType.RIGHT_BRACE)) {
            return matchers;
        }
        while (true) {
            matchers.add(matcher(ts));
            if (ts.accept(TokenType.RIGHT_BRACE)) {
                return matchers;
            }
            ts.expect(TokenType.COMMA, "',' or '}'");
            if (ts.accept(TokenType.RIGHT_BRACE)) {
                return matchers;
            }
        }
    }

    private static Located matcher(TokenStream ts) {
        Token label = ts.expect(TokenType.IDENTIFIER, "a label name or '}'");
        Token op = ts.next();
        MatchType type = switch (op.type()) {
            case EQL -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw new PromQLException(op.pos(), "unexpected " + op.describe()
                    + ", expected a label matching operator (=, !=, =~, !~)");
        };
        Token value = ts.expect(TokenType.STRING, "a quoted label value");
        try {
            return new Located(new LabelMatcher(label.text(), type, value.value()), label.pos(), op.pos(), value.pos());
        } catch (IllegalArgumentException e) {
            throw new PromQLException(value.pos(), e.getMessage());
        }
    }
}
