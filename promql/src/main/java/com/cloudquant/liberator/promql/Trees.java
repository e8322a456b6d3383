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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Walks of the syntax tree. {@link #mapSelectors} rebuilds it, reaching every vector selector —
 * aggregation parameters, function arguments, subqueries, both binary operands, the selector
 * inside a range; {@link #children} lists a node's sub-expressions, for the walks that only
 * look. Both refuse a node type they do not know rather than skip it.
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

    /**
     * Every vector selector in the tree, those inside ranges included, in text order. Walks with
     * {@link #children}, not {@link #mapSelectors}, so the check of a rewrite does not share a
     * mistake with the rewrite.
     */
    static List<VectorSelector> selectors(Expr root) {
        List<VectorSelector> found = new ArrayList<>();
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof VectorSelector vs) {
                found.add(vs);
            }
            List<Expr> children = children(e);
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
        return found;
    }

    /** The height of the tree (a lone selector is 1), computed without recursion. */
    static int height(Expr root) {
        List<Expr> nodes = new ArrayList<>();
        int[] heights = new int[16];
        nodes.add(root);
        heights[0] = 1;
        int max = 0;
        while (!nodes.isEmpty()) {
            int top = nodes.size() - 1;
            Expr e = nodes.remove(top);
            int h = heights[top];
            max = Math.max(max, h);
            for (Expr child : children(e)) {
                if (nodes.size() == heights.length) {
                    heights = java.util.Arrays.copyOf(heights, heights.length * 2);
                }
                heights[nodes.size()] = h + 1;
                nodes.add(child);
            }
        }
        return max;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof MatrixSelector m) {
            return List.of(m.selector());
        }
        if (e instanceof Subquery s) {
            return List.of(s.expr());
        }
        if (e instanceof Call c) {
            return c.args();
        }
        if (e instanceof Aggregate a) {
            return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
        }
        if (e instanceof Binary b) {
            return List.of(b.lhs(), b.rhs());
        }
        if (e instanceof Unary u) {
            return List.of(u.expr());
        }
        if (e instanceof Paren p) {
            return List.of(p.expr());
        }
        if (e instanceof VectorSelector || e instanceof Expr.NumberLiteral || e instanceof Expr.StringLiteral) {
            return List.of();
        }
        throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
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
