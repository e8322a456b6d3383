package com.cloudquant.liberator.promql;

import java.util.List;

/**
 * The PromQL syntax tree. Parentheses are kept as nodes, so printing a tree and parsing the
 * text back yields an equal tree. Durations are milliseconds; an offset of 0 means none.
 */
sealed interface Expr {

    ValueType type();

    record NumberLiteral(double value) implements Expr {
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record StringLiteral(String value) implements Expr {
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** {@code name{matchers}}; name is "" when absent; the matchers exclude the name. */
    record VectorSelector(String name, List<LabelMatcher> matchers, Modifiers modifiers) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        public ValueType type() {
            return ValueType.VECTOR;
        }

        VectorSelector withMatchers(List<LabelMatcher> newMatchers) {
            return new VectorSelector(name, newMatchers, modifiers);
        }
    }

    /** {@code selector[range]}; the selector itself carries no modifiers, these do. */
    record MatrixSelector(VectorSelector selector, long rangeMillis, Modifiers modifiers) implements Expr {
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** {@code expr[range:step]}; step is 0 when omitted. */
    record Subquery(Expr expr, long rangeMillis, long stepMillis, Modifiers modifiers) implements Expr {
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    record Call(Functions.Function function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public ValueType type() {
            return function.returns();
        }
    }

    /** {@code op by|without (grouping) (param, expr)}; param is null for operators without one. */
    record Aggregate(TokenType op, List<String> grouping, boolean without, Expr param, Expr expr)
            implements Expr {
        public Aggregate {
            grouping = List.copyOf(grouping);
        }

        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** {@code lhs op [bool] [on|ignoring (...)] [group_x (...)] rhs}; matching is null if a side is scalar. */
    record Binary(TokenType op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) implements Expr {
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                    ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    /** How the two vectors of a binary operation are matched. */
    record VectorMatching(Cardinality card, boolean on, List<String> labels, List<String> include) {
        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }
    }

    enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    record Unary(boolean negative, Expr expr) implements Expr {
        public ValueType type() {
            return expr.type();
        }
    }

    record Paren(Expr expr) implements Expr {
        public ValueType type() {
            return expr.type();
        }
    }

    /** {@code offset} and {@code @}: offset 0 means none; at is null when absent. */
    record Modifiers(long offsetMillis, At at) {
        static final Modifiers NONE = new Modifiers(0, null);

        boolean isEmpty() {
            return offsetMillis == 0 && at == null;
        }
    }

    /** {@code @ <seconds>}, {@code @ start()} or {@code @ end()} (then seconds is 0). */
    record At(AtKind kind, double seconds) {
    }

    enum AtKind { TIMESTAMP, START, END }
}
