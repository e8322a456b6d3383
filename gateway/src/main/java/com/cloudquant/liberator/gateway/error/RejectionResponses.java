package com.cloudquant.liberator.gateway.error;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The single place a {@link GatewayRejection} becomes an HTTP answer: Prometheus's error
 * JSON ({@code {"status":"error","errorType":"…","error":"…"}}), so Grafana and promtool
 * show the message as they would a Prometheus error.
 */
public final class RejectionResponses {

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
        return ("{\"status\":\"error\",\"errorType\":\"" + escape(errorType) + "\",\"error\":\"" + escape(error) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
