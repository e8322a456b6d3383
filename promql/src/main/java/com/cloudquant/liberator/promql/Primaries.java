package com.cloudquant.liberator.promql;

import com.cloudquant.liberator.promql.Expr.Cardinality;
import com.cloudquant.liberator.promql.Expr.VectorMatching;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of PromQL between operators: literals, selectors, function calls, aggregations,
 * parentheses, and the label lists of by/without/on/ignoring/group_left/group_right.
 */
final class Primaries {

    /** What may follow a binary operator: {@code bool}, then on/ignoring, then group_x. */
    record BinaryModifiers(boolean returnBool, VectorMatching matching) {
    }

    private final TokenStream ts;
    private final Parser parser;

    Primaries(TokenStream ts, Parser parser) {
        this.ts = ts;
        this.parser = parser;
    }

    Expr primary() {
        Token t = ts.peek();
        TokenType type = t.type();
        TokenType following = type == TokenType.IDENTIFIER || type.isAggregation() ? ts.peekSecond().type() : null;
        if (type == TokenType.NUMBER) {
            return new Expr.NumberLiteral(NumberSyntax.parse(ts.next()));
        }
        if (type == TokenType.STRING) {
            return new Expr.StringLiteral(ts.next().value());
        }
        if (type == TokenType.LEFT_PAREN) {
            ts.next();
            Expr inner = parser.expr(0);
            ts.expect(TokenType.RIGHT_PAREN, "')'");
            return new Expr.Paren(inner);
        }
        if (type == TokenType.IDENTIFIER && following == TokenType.LEFT_PAREN) {
            return call();
        }
        if (type.isAggregation() && (following == TokenType.LEFT_PAREN || following == TokenType.BY
                || following == TokenType.WITHOUT)) {
            return aggregate();
        }
        if (type == TokenType.LEFT_BRACE) {
            return Selectors.read(ts, "", t.pos());
        }
        if (type.isMetricName()) {
            ts.next();
            return Selectors.read(ts, t.text(), t.pos());
        }
        throw ts.unexpected("an expression");
    }

    private Expr call() {
        Token name = ts.next();
        Functions.Function function = Functions.get(name.text());
        if (function == null) {
            throw new PromQLException(name.pos(), "unknown function with name " + Quoting.quote(name.text()));
        }
        List<Integer> positions = new ArrayList<>();
        List<Expr> args = arguments(positions);
        return Checks.call(name, function, args, positions);
    }

    private Expr aggregate() {
        Token op = ts.next();
        List<String> grouping = List.of();
        boolean without = false;
        boolean modifierFirst = ts.at(TokenType.BY) || ts.at(TokenType.WITHOUT);
        if (modifierFirst) {
            without = ts.next().type() == TokenType.WITHOUT;
            grouping = labels();
        }
        List<Integer> positions = new ArrayList<>();
        List<Expr> args = arguments(positions);
        if (!modifierFirst && (ts.at(TokenType.BY) || ts.at(TokenType.WITHOUT))) {
            without = ts.next().type() == TokenType.WITHOUT;
            grouping = labels();
        }
        return Checks.aggregate(op, grouping, without, args, positions);
    }

    /** {@code ( expr, expr … )}; records where each argument starts, for error messages. */
    private List<Expr> arguments(List<Integer> positions) {
        ts.expect(TokenType.LEFT_PAREN, "'('");
        List<Expr> args = new ArrayList<>();
        if (ts.accept(TokenType.RIGHT_PAREN)) {
            return args;
        }
        while (true) {
            positions.add(ts.peek().pos());
            args.add(parser.expr(0));
            if (ts.accept(TokenType.RIGHT_PAREN)) {
                return args;
            }
            Token comma = ts.expect(TokenType.COMMA, "',' or ')'");
            if (ts.at(TokenType.RIGHT_PAREN)) {
                throw new PromQLException(comma.pos(), "trailing commas not allowed in function call args");
            }
        }
    }

    BinaryModifiers binaryModifiers() {
        boolean returnBool = ts.accept(TokenType.BOOL);
        if (!ts.at(TokenType.ON) && !ts.at(TokenType.IGNORING)) {
            return new BinaryModifiers(returnBool, new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of()));
        }
        boolean on = ts.next().type() == TokenType.ON;
        List<String> matchingLabels = labels();
        Cardinality card = Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (ts.at(TokenType.GROUP_LEFT) || ts.at(TokenType.GROUP_RIGHT)) {
            card = ts.next().type() == TokenType.GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
            // "group_left (x)" is always the label list, never the right operand, as in Prometheus
            if (ts.at(TokenType.LEFT_PAREN)) {
                include = labels();
            }
        }
        return new BinaryModifiers(returnBool, new VectorMatching(card, on, matchingLabels, include));
    }

    /** {@code ( label, label, … )}, a trailing comma allowed; keywords are valid label names here. */
    List<String> labels() {
        ts.expect(TokenType.LEFT_PAREN, "'(' to open a label list");
        List<String> labels = new ArrayList<>();
        while (!ts.accept(TokenType.RIGHT_PAREN)) {
            if (!ts.peek().type().isGroupingLabel()) {
                throw ts.unexpected("a label name");
            }
            labels.add(ts.next().text());
            if (!ts.at(TokenType.RIGHT_PAREN)) {
                ts.expect(TokenType.COMMA, "',' or ')'");
            }
        }
        return labels;
    }
}
