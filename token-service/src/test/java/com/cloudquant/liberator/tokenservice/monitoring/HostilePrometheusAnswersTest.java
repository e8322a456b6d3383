package com.cloudquant.liberator.tokenservice.monitoring;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.MonitoredSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus (or something in its place) answering what Prometheus never would: the token list and
 * the charts still answer 200 quickly, say in plain words that the answer could not be read, and never
 * show the service's own internals (exception texts, class names) on the page.
 */
class HostilePrometheusAnswersTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path temp;

    static HttpServer hostile;
    static final AtomicReference<String> answer = new AtomicReference<>();
    static final AtomicInteger served = new AtomicInteger();
    static TokenServiceInstance service;
    /** Above the 5,000 series of the largest answer here, far below the 32 MB default: sent and scanned well within 1 s. */
    static final long MAX_ANSWER = 2L * 1024 * 1024;

    @BeforeAll
    static void start() throws Exception {
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostile.createContext("/", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        hostile.start();
        Map<String, Object> settings = MonitoredSettings.of(KAFKA, "tokens-hostile-answers", temp.resolve("keys"),
                "http://127.0.0.1:" + hostile.getAddress().getPort());
        settings.put("liberator.monitoring.timeout", "1s");
        settings.put("liberator.monitoring.max-answer-size", Long.toString(MAX_ANSWER));
        service = TokenServiceInstance.start(settings);
        service.issue("grafana-hostile");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        hostile.stop(0);
    }

    @Test
    void answersThatAreNotPrometheusJsonAreReportedInPlainWordsNotAsTheServicesInternals() {
        String[] answers = {
            "<html><body>502 Bad Gateway</body></html>",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[1,2,3]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"token_id\":\"x\"},"
                    + "\"value\":[1,\"not a number\"]}]}}",
        };
        int before = served.get();
        int unreadable = 0;
        for (String body : answers) {
            answer.set(body);

            HttpResponse<String> list = timed("/api/v1/tokens");
            HttpResponse<String> charts = timed("/api/v1/monitoring/charts?range=15m");

            assertThat(list.statusCode()).as(body).isEqualTo(200);
            // a matrix where the list wants a vector has no token's use in it: known as none, or unreadable
            JsonNode why = json(list).get(0).get("usageUnavailable");
            assertThat(why.isNull() || why.asText().startsWith("unreachable: its answer is not")).as(why.toString()).isTrue();
            assertThat(charts.statusCode()).as(body).isEqualTo(200);
            // likewise a vector where the charts want a matrix: no points, so no lines
            JsonNode state = json(charts).get("state");
            assertThat(state.asText().equals("ok") || json(charts).get("message").asText().contains("(its answer is not"))
                    .as(charts.body()).isTrue();
            unreadable += (why.isNull() ? 0 : 1) + (state.asText().equals("ok") ? 0 : 1);
            for (HttpResponse<String> response : java.util.List.of(list, charts)) {
                assertThat(response.body()).as(body).doesNotContain("Exception", "Cannot invoke", "jdk.internal",
                        "com.fasterxml", "java.", "Source:");
            }
        }
        assertThat(served.get() - before).as("hostile answers served").isGreaterThanOrEqualTo(answers.length * 2);
        assertThat(unreadable).as("answers reported as not Prometheus's: each of list and charts for the page,"
                + " the list for the unreadable number, the charts for the unreadable point").isEqualTo(4);
    }

    @Test
    void aLabelHoldingMarkupIsPassedOnAsTextInJson() {
        String markup = "<img src=x onerror=alert(document.domain)>";
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"consumer\":\""
                + markup + "\",\"reason\":\"" + markup + "\",\"class\":\"" + markup + "\"},\"values\":[[1,\"1\"]]}]}}");

        HttpResponse<String> charts = timed("/api/v1/monitoring/charts?range=15m");

        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode requests = json(charts).get("charts").get(0).get("series");
        // a point outside the range is still a series here; what matters is that the name is text, drawn as text
        assertThat(requests.get(0).get("name").asText()).isEqualTo(markup);
    }

    @Test
    void thousandsOfSeriesNonFiniteAndNegativeValuesAndMarkupInTokenIdsLeaveTheListWhole() {
        String id = json(service.get("/api/v1/tokens?consumer=grafana-hostile", ADMIN)).get(0).get("id").asText();
        StringBuilder result = new StringBuilder();
        String[] odd = {"NaN", "+Inf", "-Inf", "-5", "1e308"};
        for (int i = 0; i < 5000; i++) {
            result.append("{\"metric\":{\"token_id\":\"t-").append(i).append("\"},\"value\":[1,\"")
                    .append(odd[i % odd.length]).append("\"]},");
        }
        result.append("{\"metric\":{\"token_id\":\"<script>alert(1)</script>\"},\"value\":[1,\"7\"]},");
        for (String value : new String[] {"+Inf", "-Inf"}) {
            answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result
                    + "{\"metric\":{\"token_id\":\"" + id + "\"},\"value\":[1,\"" + value + "\"]}]}}");

            HttpResponse<String> list = timed("/api/v1/tokens");

            assertThat(list.statusCode()).as(value).isEqualTo(200);
            assertThat(json(list)).as("only the tokens of the log are listed").hasSize(1);
            JsonNode item = json(list).get(0);
            assertThat(item.get("usageUnavailable").isNull()).as(list.body()).isTrue();
            // a value that is no number of requests nor an instant is not one: as for NaN, the token shows none
            assertThat(item.get("lastUsedAt").isNull()).as(list.body()).isTrue();
            assertThat(item.get("requests24h").asLong()).as(list.body()).isZero();
            assertThat(list.body()).doesNotContain("<script>");
        }
    }

    /** Prometheus writes +Inf for a p95 beyond the last latency bucket (an upstream slower than it): a gap in the line. */
    @Test
    void aQuantileOfPlusInfIsAGapInTheChartNotAnUnreachablePrometheus() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                + "\"values\":[[1,\"0.5\"],[2,\"+Inf\"],[3,\"-Inf\"],[4,\"NaN\"]]}]}}");

        HttpResponse<String> charts = timed("/api/v1/monitoring/charts?range=15m");

        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(json(charts).get("state").asText()).as(charts.body()).isEqualTo("ok");
        JsonNode latency = json(charts).get("charts").get(1);
        assertThat(latency.get("id").asText()).isEqualTo("latency");
        assertThat(latency.get("series").get(0).get("points").toString()).isEqualTo("[[1,0.5]]");
    }

    /** Blanks: quick to send and to scan, so what stops it is the size and not the timeout. */
    @Test
    void anAnswerLargerThanTheCapIsRefusedInPlainWordsNotReadIntoTheHeap() {
        String small = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
        // twice the cap: the parser counts what it has read when it fetches its next few KiB
        answer.set(" ".repeat(2 * (int) MAX_ANSWER) + small);

        HttpResponse<String> list = timed("/api/v1/tokens");
        HttpResponse<String> summary = timed("/api/v1/monitoring/summary");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get(0).get("usageUnavailable").asText()).as(list.body())
                .isEqualTo("unreachable: its answer is larger than " + MAX_ANSWER + " bytes (liberator.monitoring.max-answer-size)");
        assertThat(json(summary).get("message").asText()).as(summary.body()).contains("its answer is larger than " + MAX_ANSWER + " bytes");

        answer.set(" ".repeat((int) MAX_ANSWER - small.length()) + small);
        HttpResponse<String> justUnder = timed("/api/v1/tokens");
        assertThat(json(justUnder).get(0).get("usageUnavailable").isNull()).as(justUnder.body()).isTrue();
    }

    private static HttpResponse<String> timed(String path) {
        long started = System.nanoTime();
        HttpResponse<String> response = service.get(path, ADMIN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path).isLessThan(Duration.ofSeconds(5));
        return response;
    }
}
