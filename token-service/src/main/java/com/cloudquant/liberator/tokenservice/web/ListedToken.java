package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.monitoring.TokenUsage;
import com.cloudquant.liberator.tokenservice.monitoring.TokenUsages;
import com.cloudquant.liberator.tokenservice.query.TokenStatus;
import com.cloudquant.liberator.tokenservice.query.TokenView;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

/** An item of {@code GET /api/v1/tokens}: what a lookup shows, and the token's use beside it. */
@Serdeable
record ListedToken(@JsonUnwrapped TokenView token, @JsonUnwrapped TokenUsage usage) {

    static ListedToken of(TokenView token, TokenUsages usages) {
        return new ListedToken(token, usages.of(token.id(), token.issuedAt(), token.status() == TokenStatus.active));
    }
}
