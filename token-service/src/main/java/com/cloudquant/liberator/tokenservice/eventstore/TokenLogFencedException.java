package com.cloudquant.liberator.tokenservice.eventstore;

/** Another instance took over the transactional.id: this one must never write again. */
public final class TokenLogFencedException extends RuntimeException {
    public TokenLogFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
