package com.cloudquant.liberator.promql;

/**
 * One token: its type, its text as written and where it starts. For strings, {@code value} is
 * the decoded content; for everything else it equals {@code text}.
 */
record Token(TokenType type, String text, int pos, String value) {

    Token(TokenType type, String text, int pos) {
        this(type, text, pos, text);
    }

    /** How an error message names this token. */
    String describe() {
        return switch (type) {
            case EOF -> "end of input";
            case STRING -> "string " + Quoting.quote(value);
            case NUMBER -> "number " + text;
            case DURATION -> "duration " + text;
            case IDENTIFIER, METRIC_IDENTIFIER -> "identifier " + text;
            default -> "'" + text + "'";
        };
    }
}
