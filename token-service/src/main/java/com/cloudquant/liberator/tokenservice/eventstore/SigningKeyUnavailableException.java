package com.cloudquant.liberator.tokenservice.eventstore;

/**
 * This service cannot sign the next record with a key the log names as valid: the log's
 * current key is one whose private key it does not hold (a restart with only a retired key's
 * file), or a new key could not be written. Nothing was recorded; the message says which key
 * the log wants and where to put it.
 */
public final class SigningKeyUnavailableException extends RuntimeException {

    public SigningKeyUnavailableException(String message) {
        super(message);
    }
}
