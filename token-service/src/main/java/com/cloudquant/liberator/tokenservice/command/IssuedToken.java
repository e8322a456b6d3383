package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.tokenservice.query.TokenView;

/**
 * A freshly issued token: its view plus the plaintext, which exists only here, on its way
 * into the one HTTP response that shows it.
 */
public record IssuedToken(TokenView view, String token) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + view.id() + ", hint=" + view.hint() + "]";
    }
}
