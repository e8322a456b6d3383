package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.IssuedToken;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** The one response that carries the plaintext token. */
@Serdeable
record IssuedTokenResponse(
        String id,
        String consumer,
        String token,
        String hint,
        String issuedBy,
        Instant issuedAt,
        @Nullable Instant expiresAt,
        // null, not left out, for an unscoped token: "scope":null says it sees the whole slice
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String scope,
        // likewise "limits":null says the gateway's defaults apply
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Map<String, String> limits) {

    static IssuedTokenResponse of(IssuedToken issued) {
        var view = issued.view();
        return new IssuedTokenResponse(view.id(), view.consumer(), issued.token(), view.hint(), view.issuedBy(),
                view.issuedAt(), view.expiresAt(), view.scope(), view.limits());
    }

    @Override
    public String toString() {
        return "IssuedTokenResponse[id=" + id + ", hint=" + hint + "]";
    }
}
