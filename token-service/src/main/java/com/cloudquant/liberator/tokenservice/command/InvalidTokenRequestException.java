package com.cloudquant.liberator.tokenservice.command;

/** The request cannot be carried out as given; the message says what to change. */
public final class InvalidTokenRequestException extends RuntimeException {

    private final String field;

    public InvalidTokenRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
