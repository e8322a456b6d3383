package com.cloudquant.liberator.promql;

/**
 * Splits PromQL text into tokens, one at a time, with the Prometheus lexer's three contexts:
 * inside braces words are plain label names (no keywords, no {@code :}); right after {@code [}
 * a duration must follow; elsewhere words may be keywords (case-insensitive) or metric names
 * with colons. Whitespace and {@code #} comments are skipped. Errors name their position.
 */
final class Lexer {

    private final String text;
    private int pos;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean durationNext;

    Lexer(String text) {
        this.text = text;
    }

    Token next() {
        if (durationNext) {
            durationNext = false;
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
            return advance(NumberSyntax.durationAfterBracket(text, pos));
        }
        skipSpaceAndComments();
        int start = pos;
        if (pos >= text.length()) {
            if (braceOpen) {
                throw new PromQLException(start, "unexpected end of input inside braces");
            }
            return new Token(TokenType.EOF, "", start);
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'' || c == '`') {
            StringLiterals.Literal literal = StringLiterals.read(text, start);
            pos = literal.end();
            return new Token(TokenType.STRING, text.substring(start, pos), start, literal.value());
        }
        if (braceOpen) {
            Token t = BraceLexing.token(text, start);
            pos = start + t.text().length();
            braceOpen = t.type() != TokenType.RIGHT_BRACE;
            return t;
        }
        return statement(c, start);
    }

    private Token statement(char c, int start) {
        if (isDigit(c) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            return advance(NumberSyntax.numberOrDuration(text, start));
        }
        if (LabelMatcher.isIdentifierStart(c) || c == ':') {
            if (bracketOpen) {
                if (c != ':') {
                    // Prometheus lexes any letter here as ':' ("foo[5m x]" means "foo[5m:]"); we refuse it.
                    throw new PromQLException(start, "unexpected character inside brackets: " + quoted(start));
                }
                pos++;
                return token(TokenType.COLON, start);
            }
            while (pos < text.length() && (LabelMatcher.isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == ':')) {
                pos++;
            }
            return token(TokenType.ofWord(text.substring(start, pos)), start);
        }
        pos++;
        TokenType single = TokenType.ofCharacter(c);
        if (single != null) {
            return token(single, start);
        }
        switch (c) {
            case '{':
                braceOpen = true;
                return token(TokenType.LEFT_BRACE, start);
            case '[':
                if (bracketOpen) {
                    throw new PromQLException(start, "unexpected '[' inside brackets");
                }
                bracketOpen = true;
                durationNext = true;
                return token(TokenType.LEFT_BRACKET, start);
            case ']':
                if (!bracketOpen) {
                    throw new PromQLException(start, "unexpected ']'");
                }
                bracketOpen = false;
                return token(TokenType.RIGHT_BRACKET, start);
            case '<': return token(accept('=') ? TokenType.LTE : TokenType.LSS, start);
            case '>': return token(accept('=') ? TokenType.GTE : TokenType.GTR, start);
            case '=':
                if (pos < text.length() && text.charAt(pos) == '~') {
                    throw new PromQLException(start, "unexpected '=~' outside braces");
                }
                return token(accept('=') ? TokenType.EQLC : TokenType.EQL, start);
            case '!':
                if (accept('=')) {
                    return token(TokenType.NEQ, start);
                }
                throw new PromQLException(start, "unexpected character after '!': expected '='");
            default:
                throw new PromQLException(start, "unexpected character: " + quoted(start));
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean accept(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Token advance(Token t) {
        pos = t.pos() + t.text().length();
        return t;
    }

    private Token token(TokenType type, int start) {
        return new Token(type, text.substring(start, pos), start);
    }

    private String quoted(int at) {
        return quotedCharacter(text, at);
    }

    static String quotedCharacter(String text, int at) {
        return Quoting.quote(new String(Character.toChars(text.codePointAt(at))));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
