package com.cloudquant.liberator.gateway.error;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/**
 * The single place a {@link GatewayRejection} becomes an HTTP answer: Prometheus's error
 * JSON ({@code {"status":"error","errorType":"…","error":"…"}}), so Grafana and promtool
 * show the message as they would a Prometheus error.
 */
public final class RejectionResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectionResponses() {
    }

    public static MutableHttpResponse<byte[]> toResponse(GatewayRejection rejection) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(rejection.status());
        for (Map.Entry<String, String> header : rejection.headers().entrySet()) {
            response.header(header.getKey(), header.getValue());
        }
        response.header("Cache-Control", "no-store");
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body(rejection.errorType(), rejection.getMessage()));
    }

    static byte[] body(String errorType, String error) {
        try {
            return JSON.writeValueAsBytes(new ErrorBody("error", errorType, error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e); // three strings always serialize
        }
    }

    /** Prometheus's error answer, its fields in Prometheus's order. */
    @JsonPropertyOrder({"status", "errorType", "error"})
    record ErrorBody(String status, String errorType, String error) {
    }
}
