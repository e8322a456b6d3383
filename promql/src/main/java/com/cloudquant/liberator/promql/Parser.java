package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.At;
import com.cloudquant.liberator.promql.Expr.AtKind;

/**
 * A strict recursive-descent parser for the PromQL that Prometheus 2.42 accepts. Binary
 * operators by precedence climbing ({@code or} &lt; {@code and unless} &lt; comparisons &lt;
 * {@code + -} &lt; {@code * / % atan2} &lt; {@code ^}, all left-associative but {@code ^});
 * unary {@code + -} bind like {@code *}; {@code [..]}, {@code offset} and {@code @} bind
 * tightest, to the expression just before them — the same trees the Prometheus grammar builds.
 */
final class Parser {

    private static final int UNARY_OPERAND = 6;
    /**
     * Limits beyond Prometheus (which has none): parsing, printing and rewriting recurse, and a
     * query must never exhaust a thread's stack. Far above what people write.
     */
    static final int MAX_NESTING = 256;
    static final int MAX_HEIGHT = 512;

    private final TokenStream ts;
    private final Primaries primaries;
    private int nesting;

    private Parser(TokenStream ts) {
        this.ts = ts;
        this.primaries = new Primaries(ts, this);
    }

    /** Parses a whole query; throws {@link PromQLException} for anything Prometheus would refuse. */
    static Expr parse(String text) {
        TokenStream ts = new TokenStream(text);
        if (ts.at(TokenType.EOF)) {
            throw new PromQLException(0, "no expression found in input");
        }
        Expr e = new Parser(ts).expr(0);
        if (!ts.at(TokenType.EOF)) {
            throw ts.unexpected("an operator or the end of the query");
        }
        if (Trees.height(e) > MAX_HEIGHT) {
            throw new PromQLException(0, "query refused: its expression tree is deeper than " + MAX_HEIGHT
                    + " levels (e.g. a chain of more than " + MAX_HEIGHT + " binary operators)");
        }
        return e;
    }

    Expr expr(int minPrecedence) {
        if (++nesting > MAX_NESTING) {
            throw new PromQLException(ts.peek().pos(), "query refused: it nests deeper than " + MAX_NESTING
                    + " levels of parentheses, calls or operators");
        }
        try {
            return binary(minPrecedence);
        } finally {
            nesting--;
        }
    }

    private Expr binary(int minPrecedence) {
        Expr left = unary();
        while (true) {
            Token op = ts.peek();
            int precedence = precedence(op.type());
            if (precedence < minPrecedence) {
                return left;
            }
            ts.next();
            Primaries.BinaryModifiers modifiers = primaries.binaryModifiers();
            Expr right = expr(op.type() == TokenType.POW ? precedence : precedence + 1);
            left = Checks.binary(op, left, right, modifiers);
        }
    }

    private Expr unary() {
        Token sign = ts.peek();
        if (sign.type() == TokenType.ADD || sign.type() == TokenType.SUB) {
            ts.next();
            return Checks.unary(sign, expr(UNARY_OPERAND));
        }
        return postfix(primaries.primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = ts.peek();
            switch (t.type()) {
                case LEFT_BRACKET -> e = bracket(e);
                case OFFSET -> e = offset(e);
                case AT -> e = at(e);
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr bracket(Expr e) {
        Token open = ts.next();
        long range = Durations.parse(ts.expect(TokenType.DURATION, "a duration"));
        if (ts.accept(TokenType.COLON)) {
            long step = ts.at(TokenType.DURATION) ? Durations.parse(ts.next()) : 0;
            ts.expect(TokenType.RIGHT_BRACKET, "a duration or ']' in the subquery");
            return PostfixChecks.subquery(open, e, range, step);
        }
        ts.expect(TokenType.RIGHT_BRACKET, "':' or ']'");
        return PostfixChecks.matrix(open, e, range);
    }

    private Expr offset(Expr e) {
        Token keyword = ts.next();
        boolean negative = ts.accept(TokenType.SUB);
        long millis = Durations.parse(ts.expect(TokenType.DURATION, "a duration after offset"));
        return PostfixChecks.offset(keyword, e, negative ? -millis : millis);
    }

    private Expr at(Expr e) {
        Token keyword = ts.next();
        Token t = ts.peek();
        if (t.type() == TokenType.START || t.type() == TokenType.END) {
            ts.next();
            ts.expect(TokenType.LEFT_PAREN, "'(' after " + t.text());
            ts.expect(TokenType.RIGHT_PAREN, "')'");
            return PostfixChecks.at(keyword, e, new At(t.type() == TokenType.START ? AtKind.START : AtKind.END, 0));
        }
        boolean negative = t.type() == TokenType.SUB;
        if (negative || t.type() == TokenType.ADD) {
            ts.next();
        }
        double seconds = NumberSyntax.parse(ts.expect(TokenType.NUMBER, "a timestamp, start() or end() after @"));
        seconds = negative ? -seconds : seconds;
        // Prometheus refuses what does not fit an int64 (compared as a double, as it does)
        if (Double.isNaN(seconds) || seconds >= 0x1p63 || seconds <= -0x1p63) {
            throw new PromQLException(t.pos(), "timestamp out of bounds for @ modifier: " + seconds);
        }
        return PostfixChecks.at(keyword, e, new At(AtKind.TIMESTAMP, seconds));
    }

    /** Binding strength of a binary operator token; -1 for any other token. */
    static int precedence(TokenType type) {
        return switch (type) {
            case LOR -> 1;
            case LAND, LUNLESS -> 2;
            case EQLC, NEQ, LSS, LTE, GTR, GTE -> 3;
            case ADD, SUB -> 4;
            case MUL, DIV, MOD, ATAN2 -> 5;
            case POW -> 6;
            default -> -1;
        };
    }

    static boolean isComparison(TokenType type) {
        return precedence(type) == 3;
    }

    static boolean isSetOperator(TokenType type) {
        return type == TokenType.LAND || type == TokenType.LOR || type == TokenType.LUNLESS;
    }
}
