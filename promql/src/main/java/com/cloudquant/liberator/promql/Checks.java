package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.Cardinality;
import com.cloudquant.liberator.promql.Expr.VectorMatching;
import java.util.List;

/**
 * Builds operator, call and aggregation nodes with the checks Prometheus applies to them (types,
 * arity, vector matching), each refusal naming the position of the token at fault; ranges,
 * offset and {@code @} are {@link PostfixChecks}.
 */
final class Checks {

    private Checks() {
    }

    static Expr unary(Token sign, Expr operand) {
        boolean negative = sign.type() == TokenType.SUB;
        if (operand instanceof Expr.NumberLiteral n) {
            return new Expr.NumberLiteral(negative ? -n.value() : n.value());
        }
        ValueType t = operand.type();
        if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
            throw new PromQLException(sign.pos(), "unary expression only allowed on expressions of type scalar or"
                    + " instant vector, got " + t);
        }
        return new Expr.Unary(negative, operand);
    }

    static Expr binary(Token op, Expr lhs, Expr rhs, Primaries.BinaryModifiers modifiers) {
        TokenType type = op.type();
        VectorMatching m = modifiers.matching();
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if (modifiers.returnBool() && !Parser.isComparison(type)) {
            throw refuse(op, "bool modifier can only be used on comparison operators");
        }
        if (Parser.isComparison(type) && !modifiers.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw refuse(op, "comparisons between scalars must use BOOL modifier");
        }
        if (m.on()) {
            for (String label : m.labels()) {
                if (m.include().contains(label)) {
                    throw refuse(op, "label " + Quoting.quote(label) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR || rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw refuse(op, "binary expression must contain only scalar and instant vector types");
        }
        boolean set = Parser.isSetOperator(type);
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!m.labels().isEmpty()) {
                throw refuse(op, "vector matching only allowed between instant vectors");
            }
            if (set) {
                throw refuse(op, "set operator " + op.text() + " not allowed in binary scalar expression");
            }
            return new Expr.Binary(type, lhs, rhs, modifiers.returnBool(), null);
        }
        if (set) {
            if (m.card() != Cardinality.ONE_TO_ONE) {
                throw refuse(op, "no grouping allowed for " + op.text() + " operation");
            }
            m = new VectorMatching(Cardinality.MANY_TO_MANY, m.on(), m.labels(), m.include());
        }
        return new Expr.Binary(type, lhs, rhs, modifiers.returnBool(), m);
    }

    static Expr call(Token name, Functions.Function f, List<Expr> args, List<Integer> positions) {
        int declared = f.argTypes().size();
        if (f.variadic() == 0 && args.size() != declared) {
            throw refuse(name, "expected " + declared + " argument(s) in call to " + q(f.name()) + ", got " + args.size());
        }
        if (f.variadic() != 0 && args.size() < declared - 1) {
            throw refuse(name, "expected at least " + (declared - 1) + " argument(s) in call to " + q(f.name())
                    + ", got " + args.size());
        }
        if (f.variadic() > 0 && args.size() > declared - 1 + f.variadic()) {
            throw refuse(name, "expected at most " + (declared - 1 + f.variadic()) + " argument(s) in call to "
                    + q(f.name()) + ", got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            ValueType want = f.argTypes().get(Math.min(i, declared - 1));
            expectType(args.get(i), want, positions.get(i), "call to function " + q(f.name()));
        }
        return new Expr.Call(f, args);
    }

    static Expr aggregate(Token op, List<String> grouping, boolean without, List<Expr> args, List<Integer> positions) {
        if (args.isEmpty()) {
            throw refuse(op, "no arguments for aggregate expression provided");
        }
        TokenType type = op.type();
        boolean hasParam = type == TokenType.TOPK || type == TokenType.BOTTOMK || type == TokenType.QUANTILE
                || type == TokenType.COUNT_VALUES;
        int wanted = hasParam ? 2 : 1;
        if (args.size() != wanted) {
            throw refuse(op, "wrong number of arguments for aggregate expression provided, expected " + wanted
                    + ", got " + args.size());
        }
        Expr expr = args.get(wanted - 1);
        expectType(expr, ValueType.VECTOR, positions.get(wanted - 1), "aggregation expression");
        Expr param = hasParam ? args.get(0) : null;
        if (hasParam) {
            ValueType want = type == TokenType.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
            expectType(param, want, positions.get(0), "aggregation parameter");
        }
        // "by ()" groups exactly as no clause at all; "without ()" does not
        return new Expr.Aggregate(type, without || !grouping.isEmpty() ? grouping : List.of(), without, param, expr);
    }

    private static void expectType(Expr e, ValueType want, int pos, String context) {
        if (e.type() != want) {
            throw new PromQLException(pos, "expected type " + want + " in " + context + ", got " + e.type());
        }
    }

    static PromQLException refuse(Token at, String message) {
        return new PromQLException(at.pos(), message);
    }

    private static String q(String s) {
        return Quoting.quote(s);
    }
}
