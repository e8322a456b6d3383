package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.Aggregate;
import com.cloudquant.liberator.promql.Expr.Binary;
import com.cloudquant.liberator.promql.Expr.Call;
import com.cloudquant.liberator.promql.Expr.MatrixSelector;
import com.cloudquant.liberator.promql.Expr.Modifiers;
import com.cloudquant.liberator.promql.Expr.Subquery;
import com.cloudquant.liberator.promql.Expr.VectorSelector;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a tree fully bracketed, so a test can state its exact shape in one line. */
final class Sexpr {

    private Sexpr() {
    }

    static String of(Expr e) {
        if (e instanceof Expr.NumberLiteral n) {
            return Double.toString(n.value());
        }
        if (e instanceof Expr.StringLiteral s) {
            return "str:" + s.value();
        }
        if (e instanceof VectorSelector vs) {
            return "sel:" + vs.name() + vs.matchers() + mods(vs.modifiers());
        }
        if (e instanceof MatrixSelector m) {
            return "(range " + of(m.selector()) + " " + m.rangeMillis() + mods(m.modifiers()) + ")";
        }
        if (e instanceof Subquery s) {
            return "(subquery " + of(s.expr()) + " " + s.rangeMillis() + ":" + s.stepMillis() + mods(s.modifiers()) + ")";
        }
        if (e instanceof Call c) {
            return "(" + c.function().name() + all(c.args()) + ")";
        }
        if (e instanceof Aggregate a) {
            String grouping = a.without() ? " without" + a.grouping() : a.grouping().isEmpty() ? "" : " by" + a.grouping();
            return "(" + a.op().name().toLowerCase(Locale.ROOT) + grouping + (a.param() == null ? "" : " " + of(a.param()))
                    + " " + of(a.expr()) + ")";
        }
        if (e instanceof Binary b) {
            String matching = b.matching() == null ? "" : " " + b.matching().card() + (b.matching().on() ? " on" : " ignoring")
                    + b.matching().labels() + (b.matching().include().isEmpty() ? "" : " include" + b.matching().include());
            return "(" + Operators.symbol(b.op()) + (b.returnBool() ? " bool" : "") + matching + " " + of(b.lhs()) + " "
                    + of(b.rhs()) + ")";
        }
        if (e instanceof Expr.Unary u) {
            return "(" + (u.negative() ? "neg " : "pos ") + of(u.expr()) + ")";
        }
        Expr.Paren p = (Expr.Paren) e;
        return "(paren " + of(p.expr()) + ")";
    }

    private static String all(List<Expr> args) {
        return args.stream().map(a -> " " + of(a)).collect(Collectors.joining());
    }

    private static String mods(Modifiers m) {
        String at = m.at() == null ? "" : " @" + (m.at().kind() == Expr.AtKind.TIMESTAMP ? Double.toString(m.at().seconds())
                : m.at().kind().name().toLowerCase(Locale.ROOT));
        return at + (m.offsetMillis() == 0 ? "" : " offset" + m.offsetMillis());
    }
}
