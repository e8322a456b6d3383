package com.cloudquant.liberator.tokenservice.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem document. {@code detail} always says how to fix the request.
 *
 * @param field the request field at fault, when there is one
 */
@Serdeable
record Problem(String type, String title, int status, String detail, @Nullable String field) {

    static final String MEDIA_TYPE = "application/problem+json";

    static MutableHttpResponse<Problem> response(HttpStatus status, String detail) {
        return response(status, detail, null);
    }

    static MutableHttpResponse<Problem> response(HttpStatus status, String detail, String field) {
        return HttpResponse.<Problem>status(status)
                .contentType(MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail, field));
    }
}
