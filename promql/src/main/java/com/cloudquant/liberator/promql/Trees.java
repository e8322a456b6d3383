package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.Aggregate;
import com.cloudquant.liberator.promql.Expr.Binary;
import com.cloudquant.liberator.promql.Expr.Call;
import com.cloudquant.liberator.promql.Expr.MatrixSelector;
import com.cloudquant.liberator.promql.Expr.Modifiers;
import com.cloudquant.liberator.promql.Expr.Paren;
import com.cloudquant.liberator.promql.Expr.Subquery;
import com.cloudquant.liberator.promql.Expr.Unary;
import com.cloudquant.liberator.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Walks of the syntax tree. {@link #mapSelectors} is the one walk that reaches every vector
 * selector — aggregation parameters, function arguments, subqueries, both binary operands,
 * the selector inside a range — so the scope rewrite and its check cannot miss a place.
 */
final class Trees {

    private Trees() {
    }

    /** A copy of the tree with every vector selector replaced by {@code f(selector)}. */
    static Expr mapSelectors(Expr e, UnaryOperator<VectorSelector> f) {
        if (e instanceof VectorSelector vs) {
            return f.apply(vs);
        }
        if (e instanceof MatrixSelector m) {
            return new MatrixSelector(f.apply(m.selector()), m.rangeMillis(), m.modifiers());
        }
        if (e instanceof Subquery s) {
            return new Subquery(mapSelectors(s.expr(), f), s.rangeMillis(), s.stepMillis(), s.modifiers());
        }
        if (e instanceof Call c) {
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Expr arg : c.args()) {
                args.add(mapSelectors(arg, f));
            }
            return new Call(c.function(), args);
        }
        if (e instanceof Aggregate a) {
            Expr param = a.param() == null ? null : mapSelectors(a.param(), f);
            return new Aggregate(a.op(), a.grouping(), a.without(), param, mapSelectors(a.expr(), f));
        }
        if (e instanceof Binary b) {
            return new Binary(b.op(), mapSelectors(b.lhs(), f), mapSelectors(b.rhs(), f), b.returnBool(), b.matching());
        }
        if (e instanceof Unary u) {
            return new Unary(u.negative(), mapSelectors(u.expr(), f));
        }
        if (e instanceof Paren p) {
            return new Paren(mapSelectors(p.expr(), f));
        }
        if (e instanceof Expr.NumberLiteral || e instanceof Expr.StringLiteral) {
            return e;
        }
        // a new node type must be handled above; refusing beats forwarding an unscoped part
        throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
    }

    /** Every vector selector in the tree, those inside ranges included. */
    static List<VectorSelector> selectors(Expr e) {
        List<VectorSelector> found = new ArrayList<>();
        mapSelectors(e, vs -> {
            found.add(vs);
            return vs;
        });
        return found;
    }

    /** The offset/@ of a node that may carry them, or null for any other node. */
    static Modifiers modifiers(Expr e) {
        if (e instanceof VectorSelector vs) {
            return vs.modifiers();
        }
        if (e instanceof MatrixSelector m) {
            return m.modifiers();
        }
        if (e instanceof Subquery s) {
            return s.modifiers();
        }
        return null;
    }

    static Expr withModifiers(Expr e, Modifiers m) {
        if (e instanceof VectorSelector vs) {
            return new VectorSelector(vs.name(), vs.matchers(), m);
        }
        if (e instanceof MatrixSelector ms) {
            return new MatrixSelector(ms.selector(), ms.rangeMillis(), m);
        }
        Subquery s = (Subquery) e;
        return new Subquery(s.expr(), s.rangeMillis(), s.stepMillis(), m);
    }
}
