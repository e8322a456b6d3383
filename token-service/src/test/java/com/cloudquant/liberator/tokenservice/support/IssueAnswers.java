package com.cloudquant.liberator.tokenservice.support;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.assertj.core.api.AbstractStringAssert;

/** What {@code POST /api/v1/tokens} must answer to a bad request and to a retry, whatever field is at stake. */
public final class IssueAnswers {

    private IssueAnswers() {
    }

    /**
     * Issues {@code body} as the admin and asserts a 400 problem naming {@code field}, with no stack trace;
     * returns an assertion on its detail for what the field's own message must say.
     */
    public static AbstractStringAssert<?> refused(TokenServiceInstance service, String body, String field) {
        HttpResponse<String> response = service.post("/api/v1/tokens", body, ADMIN);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        assertThat(json(response).get("field").asText()).as(body).isEqualTo(field);
        assertThat(response.body()).as(body).doesNotContain("Exception").doesNotContain("at com.");
        return assertThat(json(response).get("detail").asText()).as(body);
    }

    /**
     * Issues {@code first}, then {@code same} (the same request spelled otherwise) and each of {@code others}
     * under one Idempotency-Key: the first is 201, {@code same} a 200 replay of it, every other a 409 naming
     * the first token and telling to use a new key, never carrying a secret. Returns the replay.
     */
    public static JsonNode retried(TokenServiceInstance service, String key, String first, String same,
            String... others) {
        HttpResponse<String> issued = service.post("/api/v1/tokens", first, ADMIN, "Idempotency-Key", key);
        HttpResponse<String> replayed = service.post("/api/v1/tokens", same, ADMIN, "Idempotency-Key", key);

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(json(replayed).get("id").asText()).isEqualTo(json(issued).get("id").asText());
        for (String other : others) {
            HttpResponse<String> conflict = service.post("/api/v1/tokens", other, ADMIN, "Idempotency-Key", key);
            assertThat(conflict.statusCode()).as(other + " -> " + conflict.body()).isEqualTo(409);
            assertThat(json(conflict).get("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(json(conflict).get("detail").asText()).contains(json(issued).get("id").asText())
                    .contains("new key");
            assertThat(conflict.body()).doesNotContainPattern("cqm_[0-9a-f]{48}");
        }
        return json(replayed);
    }
}
