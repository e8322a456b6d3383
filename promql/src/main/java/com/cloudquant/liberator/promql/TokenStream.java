package com.cloudquant.liberator.promql;

/** The lexer's tokens with two tokens of lookahead, and the parser's "unexpected …" errors. */
final class TokenStream {

    private final Lexer lexer;
    private Token first;
    private Token second;

    TokenStream(String text) {
        this.lexer = new Lexer(text);
    }

    Token peek() {
        if (first == null) {
            first = lexer.next();
        }
        return first;
    }

    Token peekSecond() {
        peek();
        if (second == null) {
            second = first.type() == TokenType.EOF ? first : lexer.next();
        }
        return second;
    }

    Token next() {
        Token t = peek();
        first = second;
        second = null;
        return t;
    }

    boolean at(TokenType type) {
        return peek().type() == type;
    }

    boolean accept(TokenType type) {
        if (at(type)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(TokenType type, String what) {
        if (!at(type)) {
            throw unexpected(what);
        }
        return next();
    }

    PromQLException unexpected(String expected) {
        Token t = peek();
        return new PromQLException(t.pos(), "unexpected " + t.describe() + ", expected " + expected);
    }
}
