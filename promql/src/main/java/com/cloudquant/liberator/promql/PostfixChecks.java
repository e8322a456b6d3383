package com.cloudquant.liberator.promql;

import static com.cloudquant.liberator.promql.Checks.refuse;

import com.cloudquant.liberator.promql.Expr.Modifiers;

/** What may follow an expression — a range, a subquery, offset, @ — and on what, as Prometheus checks it. */
final class PostfixChecks {

    private PostfixChecks() {
    }

    static Expr matrix(Token bracket, Expr e, long range) {
        if (!(e instanceof Expr.VectorSelector vs)) {
            throw refuse(bracket, "ranges only allowed for vector selectors");
        }
        if (vs.modifiers().offsetMillis() != 0) {
            throw refuse(bracket, "no offset modifiers allowed before range");
        }
        if (vs.modifiers().at() != null) {
            throw refuse(bracket, "no @ modifiers allowed before range");
        }
        return new Expr.MatrixSelector(vs, range, Modifiers.NONE);
    }

    static Expr subquery(Token bracket, Expr e, long range, long step) {
        if (e.type() != ValueType.VECTOR) {
            throw refuse(bracket, "subquery is only allowed on instant vector, got " + e.type() + " instead");
        }
        return new Expr.Subquery(e, range, step, Modifiers.NONE);
    }

    static Expr offset(Token keyword, Expr e, long millis) {
        Modifiers m = modifiers(keyword, e, "offset");
        if (m.offsetMillis() != 0) {
            throw refuse(keyword, "offset may not be set multiple times");
        }
        return Trees.withModifiers(e, new Modifiers(millis, m.at()));
    }

    static Expr at(Token keyword, Expr e, Expr.At at) {
        Modifiers m = modifiers(keyword, e, "@ modifier");
        if (m.at() != null) {
            throw refuse(keyword, "@ <timestamp> may not be set multiple times");
        }
        return Trees.withModifiers(e, new Modifiers(m.offsetMillis(), at));
    }

    private static Modifiers modifiers(Token keyword, Expr e, String what) {
        Modifiers m = Trees.modifiers(e);
        if (m == null) {
            throw refuse(keyword, what + " must be preceded by an instant vector selector or range vector selector"
                    + " or a subquery");
        }
        return m;
    }
}
