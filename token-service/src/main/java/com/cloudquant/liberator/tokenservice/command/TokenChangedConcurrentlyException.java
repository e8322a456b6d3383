package com.cloudquant.liberator.tokenservice.command;

/** The token changed between loading it and writing, twice in a row: nothing was written by this request. */
public final class TokenChangedConcurrentlyException extends RuntimeException {
    public TokenChangedConcurrentlyException(String tokenId, Throwable cause) {
        super("token " + tokenId + " was changed by another request while this one was being decided, twice;"
                + " nothing was written by this request: GET /api/v1/tokens/" + tokenId + " and retry if still needed", cause);
    }
}
