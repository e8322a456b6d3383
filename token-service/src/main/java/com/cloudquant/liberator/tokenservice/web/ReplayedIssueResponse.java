package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.query.TokenView;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * The answer to an issue retried with an Idempotency-Key that already issued a token: that
 * token, without its secret, and a sentence saying so.
 */
@Serdeable
record ReplayedIssueResponse(
        String id,
        String consumer,
        String hint,
        String issuedBy,
        Instant issuedAt,
        @Nullable Instant expiresAt,
        // null, not left out, for an unscoped token: "scope":null says it sees the whole slice
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String scope,
        // likewise "limits":null says the gateway's defaults apply
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Map<String, String> limits,
        String status,
        boolean replayed,
        String detail) {

    static ReplayedIssueResponse of(TokenView view) {
        return new ReplayedIssueResponse(view.id(), view.consumer(), view.hint(), view.issuedBy(), view.issuedAt(),
                view.expiresAt(), view.scope(), view.limits(), view.status().name(), true, "this Idempotency-Key already issued token " + view.id()
                + " (hint " + view.hint() + "); no new token was made, and its secret is not shown again: it was in the"
                + " first answer only. If that answer was lost, revoke this token and issue a new one with a new key");
    }
}
