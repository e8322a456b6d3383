package com.cloudquant.liberator.tokenservice.query;

/** Whether a token still opens the gateway. */
public enum TokenStatus {
    active, revoked, expired
}
