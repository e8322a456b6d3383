package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.Aggregate;
import com.cloudquant.liberator.promql.Expr.Binary;
import com.cloudquant.liberator.promql.Expr.Call;
import com.cloudquant.liberator.promql.Expr.Cardinality;
import com.cloudquant.liberator.promql.Expr.MatrixSelector;
import com.cloudquant.liberator.promql.Expr.Modifiers;
import com.cloudquant.liberator.promql.Expr.Subquery;
import com.cloudquant.liberator.promql.Expr.VectorMatching;
import com.cloudquant.liberator.promql.Expr.VectorSelector;
import java.util.List;
import java.util.Locale;

/**
 * Prints a tree as PromQL text that parses back to an equal tree. Parentheses are nodes of their
 * own, so none are added; tokens are printed in the order they were parsed, so precedence holds.
 */
final class Printer {

    private final StringBuilder out = new StringBuilder(256);

    private Printer() {
    }

    static String print(Expr e) {
        Printer p = new Printer();
        p.expr(e);
        return p.out.toString();
    }

    private void expr(Expr e) {
        if (e instanceof Expr.NumberLiteral n) {
            out.append(number(n.value()));
        } else if (e instanceof Expr.StringLiteral s) {
            out.append(Quoting.quote(s.value()));
        } else if (e instanceof VectorSelector vs) {
            selector(vs);
            modifiers(vs.modifiers());
        } else if (e instanceof MatrixSelector m) {
            selector(m.selector());
            out.append('[').append(Durations.format(m.rangeMillis())).append(']');
            modifiers(m.modifiers());
        } else if (e instanceof Subquery s) {
            expr(s.expr());
            out.append('[').append(Durations.format(s.rangeMillis())).append(':');
            out.append(s.stepMillis() == 0 ? "" : Durations.format(s.stepMillis())).append(']');
            modifiers(s.modifiers());
        } else if (e instanceof Call c) {
            out.append(c.function().name());
            args(null, c.args());
        } else if (e instanceof Aggregate a) {
            aggregate(a);
        } else if (e instanceof Binary b) {
            binary(b);
        } else if (e instanceof Expr.Unary u) {
            out.append(u.negative() ? '-' : '+');
            expr(u.expr());
        } else if (e instanceof Expr.Paren p) {
            out.append('(');
            expr(p.expr());
            out.append(')');
        } else {
            throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
        }
    }

    private void selector(VectorSelector vs) {
        out.append(vs.name());
        if (!vs.matchers().isEmpty()) {
            out.append('{');
            for (int i = 0; i < vs.matchers().size(); i++) {
                vs.matchers().get(i).appendTo(out.append(i == 0 ? "" : ","));
            }
            out.append('}');
        }
    }

    private void modifiers(Modifiers m) {
        if (m.at() != null) {
            out.append(" @ ");
            switch (m.at().kind()) {
                case START -> out.append("start()");
                case END -> out.append("end()");
                default -> out.append(number(m.at().seconds()));
            }
        }
        if (m.offsetMillis() != 0) {
            out.append(" offset ").append(m.offsetMillis() < 0 ? "-" : "").append(Durations.format(Math.abs(m.offsetMillis())));
        }
    }

    private void aggregate(Aggregate a) {
        out.append(a.op().name().toLowerCase(Locale.ROOT));
        if (a.without() || !a.grouping().isEmpty()) {
            out.append(a.without() ? " without " : " by ");
            labels(a.grouping());
            out.append(' ');
        }
        args(a.param(), List.of(a.expr()));
    }

    private void args(Expr first, List<Expr> rest) {
        out.append('(');
        if (first != null) {
            expr(first);
            out.append(", ");
        }
        for (int i = 0; i < rest.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            expr(rest.get(i));
        }
        out.append(')');
    }

    private void binary(Binary b) {
        expr(b.lhs());
        out.append(' ').append(Operators.symbol(b.op()));
        if (b.returnBool()) {
            out.append(" bool");
        }
        VectorMatching m = b.matching();
        boolean grouped = m != null && (m.card() == Cardinality.MANY_TO_ONE || m.card() == Cardinality.ONE_TO_MANY);
        if (m != null && (m.on() || !m.labels().isEmpty() || grouped)) {
            out.append(m.on() ? " on " : " ignoring ");
            labels(m.labels());
            if (grouped) {
                out.append(m.card() == Cardinality.MANY_TO_ONE ? " group_left " : " group_right ");
                labels(m.include());
            }
        }
        out.append(' ');
        expr(b.rhs());
    }

    private void labels(List<String> labels) {
        out.append('(').append(String.join(", ", labels)).append(')');
    }

    /** A double that re-parses to the same bits: integers plainly, others in Java's shortest form. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0 ? "-" : "") + (long) v;
        }
        return Double.toString(v);
    }
}
