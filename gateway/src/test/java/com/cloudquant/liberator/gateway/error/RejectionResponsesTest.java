package com.cloudquant.liberator.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refusal reads as Prometheus's own error, whatever its message holds. */
class RejectionResponsesTest {

    @Test
    void theBodyIsPrometheusShapedAndAMessageWithQuotesBackslashesAndControlCharactersReadsBackIntact() throws Exception {
        String message = "invalid parameter \"query\": at position 3: \\ bad\n\ttoken\u0001 — ſ";
        var response = RejectionResponses.toResponse(new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", message,
                "scope_parse", Map.of("Retry-After", "1")));

        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"");
        JsonNode read = new ObjectMapper().readTree(body);
        assertThat(read.size()).isEqualTo(3);
        assertThat(read.get("error").asText()).isEqualTo(message);
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaders().get("Cache-Control")).isEqualTo("no-store");
    }
}
