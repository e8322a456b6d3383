package com.cloudquant.liberator.gateway.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The single place a {@link GatewayRejection} becomes an HTTP answer: Prometheus's error
 * JSON ({@code {"status":"error","errorType":"…","error":"…"}}), so Grafana and promtool
 * show the message as they would a Prometheus error.
 */
public final class RejectionResponses {

    /**
     * Jackson's streaming writer, not an ObjectMapper: a refusal is on the hot path, and the first
     * one must not pay for loading and introspecting a data-binding layer.
     */
    private static final JsonFactory JSON = new JsonFactory();

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + error.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            // Prometheus's field order
            json.writeStartObject();
            json.writeStringField("status", "error");
            json.writeStringField("errorType", errorType);
            json.writeStringField("error", error);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an error body", e); // into memory: never happens
        }
        return out.toByteArray();
    }
}
