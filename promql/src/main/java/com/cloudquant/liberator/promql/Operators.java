package com.cloudquant.liberator.promql;

/** How binary operator tokens are written. */
final class Operators {

    private Operators() {
    }

    static String symbol(TokenType op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case MOD -> "%";
            case POW -> "^";
            case EQLC -> "==";
            case NEQ -> "!=";
            case LSS -> "<";
            case LTE -> "<=";
            case GTR -> ">";
            case GTE -> ">=";
            case LAND -> "and";
            case LOR -> "or";
            case LUNLESS -> "unless";
            case ATAN2 -> "atan2";
            default -> throw new IllegalArgumentException("not a binary operator: " + op);
        };
    }
}
