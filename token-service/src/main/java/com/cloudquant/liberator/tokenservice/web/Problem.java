package com.cloudquant.liberator.tokenservice.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem document, the one way the service answers an error: handlers, Micronaut's
 * own errors, the CSRF check and the sign-in throttle all build it here. {@code detail} always
 * says how to fix the request.
 *
 * @param field the request field at fault, when there is one (left out of the body otherwise)
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable String field) {

    static final String MEDIA_TYPE = "application/problem+json";

    /** No type of our own: the status says what kind of problem it is (RFC 9457, section 4.2.1). */
    static final String NO_TYPE = "about:blank";

    /**
     * {@code Retry-After} (seconds) of a refusal that ends by itself: Kafka back, another producer's
     * transaction ended, a commit's outcome readable. Refusals only an operator ends carry none.
     */
    static final String RETRY_SOON_SECONDS = "5";

    /** {@code status} with a problem body whose detail says what to do; never cached. */
    public static MutableHttpResponse<Problem> response(HttpStatus status, String detail) {
        return response(status, detail, null);
    }

    static MutableHttpResponse<Problem> response(HttpStatus status, String detail, @Nullable String field) {
        return Problem.<Problem>respond(status).body(new Problem(NO_TYPE, status.getReason(), status.getCode(), detail, field));
    }

    /** The status line and headers every problem document goes out with, for one that carries extension members. */
    static <T> MutableHttpResponse<T> respond(HttpStatus status) {
        return HttpResponse.<T>status(status).contentType(MEDIA_TYPE).header("Cache-Control", "no-store");
    }
}
