package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.IssuedToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The one response that carries the plaintext token. */
@Serdeable
record IssuedTokenResponse(
        String id,
        String consumer,
        String token,
        String hint,
        String issuedBy,
        Instant issuedAt,
        @Nullable Instant expiresAt) {

    static IssuedTokenResponse of(IssuedToken issued) {
        var view = issued.view();
        return new IssuedTokenResponse(view.id(), view.consumer(), issued.token(), view.hint(), view.issuedBy(),
                view.issuedAt(), view.expiresAt());
    }

    @Override
    public String toString() {
        return "IssuedTokenResponse[id=" + id + ", hint=" + hint + "]";
    }
}
