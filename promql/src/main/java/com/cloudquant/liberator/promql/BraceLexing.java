package com.cloudquant.liberator.promql;

/**
 * Tokens between '{' and '}', where the Prometheus lexer reads words as plain label names (no
 * keywords, no ':') and only the four matching operators, ',' and strings (read by the caller).
 */
final class BraceLexing {

    private BraceLexing() {
    }

    /** The token at {@code start}, not a space, comment or string. */
    static Token token(String text, int start) {
        char c = text.charAt(start);
        int end = start + 1;
        TokenType type;
        if (LabelMatcher.isIdentifierStart(c)) {
            while (end < text.length() && LabelMatcher.isIdentifierPart(text.charAt(end))) {
                end++;
            }
            type = TokenType.IDENTIFIER;
        } else if (c == ',') {
            type = TokenType.COMMA;
        } else if (c == '}') {
            type = TokenType.RIGHT_BRACE;
        } else if (c == '=') {
            type = next(text, end) == '~' ? TokenType.EQL_REGEX : TokenType.EQL;
        } else if (c == '!' && (next(text, end) == '~' || next(text, end) == '=')) {
            type = next(text, end) == '~' ? TokenType.NEQ_REGEX : TokenType.NEQ;
        } else if (c == '!') {
            throw new PromQLException(start, "expected '!=' or '!~' inside braces");
        } else {
            throw new PromQLException(start, "unexpected character inside braces: " + Lexer.quotedCharacter(text, start));
        }
        if (type == TokenType.EQL_REGEX || type == TokenType.NEQ_REGEX || type == TokenType.NEQ) {
            end++;
        }
        return new Token(type, text.substring(start, end), start);
    }

    private static char next(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }
}
