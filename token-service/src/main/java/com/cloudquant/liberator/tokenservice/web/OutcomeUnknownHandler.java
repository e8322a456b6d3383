package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.eventstore.TokenLogOutcomeUnknownException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Kafka did not say whether the write committed: 503 with {@code "outcome": "unknown"} and the
 * token to look up, never "nothing was recorded". The service reads the log to its end before
 * answering that lookup or its next write, so the lookup tells the truth.
 */
@Produces
@Singleton
final class OutcomeUnknownHandler implements ExceptionHandler<TokenLogOutcomeUnknownException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TokenLogOutcomeUnknownException exception) {
        String tokenId = exception.tokenIds().isEmpty() ? null : exception.tokenIds().get(0);
        String check = tokenId == null ? null : "/api/v1/tokens/" + tokenId;
        boolean issue = "POST".equals(request.getMethodName());
        String detail = exception.getMessage() + ": the " + (issue ? "issue" : "revocation") + " of token " + tokenId
                + " may or may not be recorded. GET " + check + " tells: " + (issue
                ? "404 means nothing was issued; 200 means it was, but its secret cannot be shown again — retry with the"
                        + " same Idempotency-Key to get its id, or revoke it and issue a new one"
                : "status revoked means the revocation was recorded; otherwise retry the DELETE");
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return Problem.<OutcomeUnknownProblem>respond(status)
                .header("Retry-After", Problem.RETRY_SOON_SECONDS)
                .body(new OutcomeUnknownProblem(Problem.NO_TYPE, status.getReason(), status.getCode(), detail, "unknown",
                        tokenId, check));
    }

    /** A problem document naming the token whose write has an unknown outcome and where to look it up. */
    @Serdeable
    record OutcomeUnknownProblem(String type, String title, int status, String detail, String outcome, String tokenId,
                                 String check) {
    }
}
