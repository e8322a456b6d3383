package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.tokenservice.query.TokenView;

/**
 * A freshly issued token: its view plus the plaintext, which exists only here, on its way
 * into the one HTTP response that shows it. A replay (an issue retried with the same
 * idempotency key) has no plaintext: it was shown once, or never if the first answer was lost.
 */
public record IssuedToken(TokenView view, String token) {

    static IssuedToken replayed(TokenView view) {
        return new IssuedToken(view, null);
    }

    /** Whether this is a token an earlier request with the same idempotency key issued. */
    public boolean replayed() {
        return token == null;
    }

    @Override
    public String toString() {
        return "IssuedToken[id=" + view.id() + ", hint=" + view.hint() + "]";
    }
}
