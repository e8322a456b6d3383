package com.cloudquant.liberator.tokenservice.web;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.IssueAnswers;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token's own query limits through {@code POST /api/v1/tokens} on a real broker: written to the signed
 * event in canonical form with the issuer as its actor, shown by the answer, the list and the lookup,
 * refused with a 400 naming the field, and part of what an Idempotency-Key retry must repeat.
 */
class TokenLimitsApiTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path keys;

    static TokenServiceInstance service;

    @BeforeAll
    static void start() {
        service = TokenServiceInstance.start(TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-limits"), keys));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aTokenIssuedWithLimitsShowsThemInCanonicalFormAndTheSignedEventRecordsWhoGrantedThem() {
        HttpResponse<String> issued = service.post("/api/v1/tokens", "{\"consumer\":\"capacity-planning\","
                + "\"limits\":{\"maxRange\":\"2160h\",\"ratePerSecond\":0.50,\"burst\":20,\"minStep\":\"60s\"}}", ADMIN);
        JsonNode defaults = service.issue("capacity-defaults");

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String id = json(issued).get("id").asText();
        Map<String, String> canonical = Map.of("burst", "20", "maxRange", "90d", "minStep", "1m", "ratePerSecond", "0.5");
        assertThat(limitsOf(json(issued))).isEqualTo(canonical);
        assertThat(limitsOf(json(service.get("/api/v1/tokens?consumer=capacity-planning", ADMIN)).get(0))).isEqualTo(canonical);
        assertThat(limitsOf(json(service.get("/api/v1/tokens/" + id, ADMIN)))).isEqualTo(canonical);
        for (JsonNode plain : List.of(defaults, json(service.get("/api/v1/tokens/" + defaults.get("id").asText(), ADMIN)))) {
            assertThat(plain.has("limits")).as(plain.toString()).isTrue();
            assertThat(plain.get("limits").isNull()).as("a token with the defaults says so: limits is null").isTrue();
        }
        String log = service.get("/api/v1/audit/events", ADMIN).body();
        assertThat(log.lines().filter(line -> line.contains(id)).findFirst().orElseThrow())
                .contains("\"limits\":{\"burst\":\"20\",\"maxRange\":\"90d\",\"minStep\":\"1m\",\"ratePerSecond\":\"0.5\"}")
                .contains("\"actor\":\"admin\"");
        assertThat(log.lines().filter(line -> line.contains(defaults.get("id").asText())).findFirst().orElseThrow())
                .doesNotContain("limits");
    }

    @Test
    void aLimitThatCannotBeOneIs400NamingTheFieldAndIssuesNothing() {
        Map<String, List<String>> cases = Map.of(
                "{\"maxRange\":\"0s\"}", List.of("limits.maxRange", "limits.maxRange must be > 0"),
                "{\"maxRange\":\"90 days\"}", List.of("limits.maxRange", "a duration of whole seconds such as 90d"),
                "{\"minStep\":\"500ms\"}", List.of("limits.minStep", "whole seconds"),
                "{\"burst\":0}", List.of("limits.burst", "limits.burst must be > 0"),
                "{\"burst\":2.5}", List.of("limits.burst", "a whole number"),
                "{\"ratePerSecond\":-1}", List.of("limits.ratePerSecond", "must be a number of requests per second"),
                "{\"maxSeries\":\"5\"}", List.of("limits.maxSeries", "is not a limit: the limits are burst, maxLookback"),
                "{\"burst\":true}", List.of("limits.burst", "must be a string or a number"),
                "\"maxRange=90d\"", List.of("limits", "limits must be an object"));
        cases.forEach((limits, expected) -> {
            String body = "{\"consumer\":\"bad-limits\",\"limits\":" + limits + "}";
            IssueAnswers.refused(service, body, expected.get(0)).contains(expected.get(1));
        });
        assertThat(json(service.get("/api/v1/tokens?consumer=bad-limits", ADMIN))).isEmpty();
    }

    /**
     * A limit named twice is refused, not read as its last value: an issuer (or a proxy, or a review of
     * the request) reading the first would grant a budget other than the one recorded.
     */
    @Test
    void aLimitOrTheLimitsNamedTwiceIs400AndIssuesNothing() {
        List<String> bodies = List.of(
                "{\"consumer\":\"twice-limits\",\"limits\":{\"burst\":\"1\",\"burst\":\"500000\"}}",
                "{\"consumer\":\"twice-limits\",\"limits\":{\"burst\":1},\"limits\":{\"burst\":500000}}",
                "{\"consumer\":\"twice-limits\",\"consumer\":\"twice-limits\"}");
        for (String body : bodies) {
            HttpResponse<String> response = service.post("/api/v1/tokens", body, ADMIN);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(json(response).get("detail").asText()).as(body).contains("twice");
            assertThat(response.body()).as(body).doesNotContain("Exception").doesNotContain("ObjectNode");
        }
        assertThat(json(service.get("/api/v1/tokens?consumer=twice-limits", ADMIN))).isEmpty();
    }

    /** Numbers a JSON parser reads in surprising ways are refused with the field's own message, never a 500. */
    @Test
    void exponentsNegativeZeroHugeAndNonAsciiDigitsAre400NamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"ratePerSecond\":1e400}", "limits.ratePerSecond",
                "{\"burst\":1e3}", "limits.burst",
                "{\"burst\":-0}", "limits.burst",
                "{\"ratePerSecond\":-0.0}", "limits.ratePerSecond",
                "{\"burst\":99999999999999999999999999}", "limits.burst",
                "{\"maxRange\":\"99999999999999999999999999y\"}", "limits.maxRange",
                "{\"maxRange\":\"\u0669\u0660d\"}", "limits.maxRange",
                "{\"maxLookback\":\"" + "9".repeat(2_000) + "s\"}", "limits.maxLookback",
                "{\"ratePerSecond\":0.0001}", "limits.ratePerSecond");
        cases.forEach((limits, field) -> {
            String body = "{\"consumer\":\"odd-numbers\",\"limits\":" + limits + "}";
            HttpResponse<String> response = service.post("/api/v1/tokens", body, ADMIN);

            assertThat(response.statusCode()).as(limits).isEqualTo(400);
            assertThat(json(response).get("field").asText()).as(limits).isEqualTo(field);
            assertThat(response.body()).as(limits).doesNotContain("Exception").doesNotContain("at com.");
        });
        assertThat(json(service.get("/api/v1/tokens?consumer=odd-numbers", ADMIN))).isEmpty();
    }

    /** As for another scope: a retry asking for another budget must not get the first token. */
    @Test
    void anIdempotencyKeyReusedWithOtherLimitsIs409AndTheSameLimitsSpelledOtherwiseIsAReplay() {
        String first = "{\"consumer\":\"limits-retry\",\"limits\":{\"maxRange\":\"90d\",\"ratePerSecond\":\"0.5\"}}";
        String same = "{\"consumer\":\"limits-retry\",\"limits\":{\"ratePerSecond\":0.50,\"maxRange\":\"2160h\"}}";
        String larger = "{\"consumer\":\"limits-retry\",\"limits\":{\"maxRange\":\"180d\",\"ratePerSecond\":\"0.5\"}}";
        String none = "{\"consumer\":\"limits-retry\"}";

        JsonNode replayed = IssueAnswers.retried(service, "limits-k-1", first, same, larger, none);

        assertThat(limitsOf(replayed)).isEqualTo(Map.of("maxRange", "90d", "ratePerSecond", "0.5"));
        assertThat(json(service.get("/api/v1/tokens?consumer=limits-retry", ADMIN))).hasSize(1);
    }

    private static Map<String, String> limitsOf(JsonNode token) {
        JsonNode limits = token.get("limits");
        assertThat(limits).as(token.toString()).isNotNull();
        assertThat(limits.isObject()).as(token.toString()).isTrue();
        Map<String, String> out = new java.util.TreeMap<>();
        limits.fields().forEachRemaining(field -> {
            assertThat(field.getValue().isTextual()).as(token.toString()).isTrue();
            out.put(field.getKey(), field.getValue().textValue());
        });
        return out;
    }
}
