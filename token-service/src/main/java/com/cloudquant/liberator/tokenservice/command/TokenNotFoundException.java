package com.cloudquant.liberator.tokenservice.command;

/** No token with this id was ever issued. */
public final class TokenNotFoundException extends RuntimeException {
    public TokenNotFoundException(String tokenId) {
        super("no token with id '" + tokenId + "': list tokens with GET /api/v1/tokens to find the right id");
    }
}
