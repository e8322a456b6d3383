package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * How the token-service talks to the upstream Prometheus ({@code liberator.monitoring.*}): one
 * client, one base URL, one timeout, for the monitoring summary and the scope preview alike.
 * Server-side only: the browser never talks to Prometheus (the page's CSP allows only this origin).
 *
 * <p>The JDK client, not Micronaut's (4.10): its {@code readTimeout} is Netty's {@code ReadTimeoutHandler}, an idle
 * time reset by every byte, so a body dripping faster than that never trips it; {@code requestTimeout} bounds only the
 * read-whole {@code exchange}/{@code retrieve}, not {@code StreamingHttpClient.dataStream} (the scope preview's); a
 * timed-out or cancelled answer is still read to its end on a kept connection, where closing this body hangs up.
 * Its {@code maxContentLength} would only replace the maxDocumentLength mapper below; the deadline would still take a
 * Reactor timeout and a Publisher-to-InputStream bridge: no less code than {@link AnswerDeadline}.
 */
@Singleton
class PrometheusHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitoringSettings settings;
    private final HttpClient http;
    /** Reads an answer whole, up to {@code liberator.monitoring.max-answer-size}. */
    private final ObjectMapper bounded;

    PrometheusHttp(MonitoringSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.bounded = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(settings.maxAnswerSize()).build()).build());
    }

    /** The base URL without a trailing slash; {@code null} when no Prometheus is configured. */
    String base() {
        return settings.prometheusUrl() == null ? null : settings.prometheusUrl().toString().replaceAll("/+$", "");
    }

    /**
     * The body of a successful GET of {@code pathAndQuery} (e.g. {@code /api/v1/query?query=…}), as a
     * stream: a large answer is read as it arrives, never held whole, and all of it within
     * {@code liberator.monitoring.timeout} of the request. The caller closes it.
     *
     * @throws IOException when Prometheus is not reachable in time or answers anything but 200 (reading the
     *                     body after the timeout throws {@link HttpTimeoutException})
     */
    InputStream get(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create(base() + pathAndQuery);
        // the timeout bounds the whole answer: the request's own ends with the headers
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = new AnswerDeadline(response.body(), deadline, "request timed out");
        if (response.statusCode() != 200) {
            try (body) {
                throw new IOException("HTTP " + response.statusCode() + errorOf(body.readNBytes(4096)));
            }
        }
        return body;
    }

    /**
     * The {@code data.result} of a successful GET of {@code pathAndQuery}, read whole: at most
     * {@code liberator.monitoring.max-answer-size}, all of it within the timeout.
     */
    JsonNode result(String pathAndQuery) throws IOException, InterruptedException {
        try (InputStream body = get(pathAndQuery)) {
            return bounded.readTree(body).path("data").path("result");
        }
    }

    /** The {@code data.result} of the instant query {@code promql}, as {@link #result} reads it. */
    JsonNode instant(String promql) throws IOException, InterruptedException {
        return result("/api/v1/query?query=" + encode(promql));
    }

    /** Why a call failed, in words for the page: the JDK gives no message for a refused connection. */
    String why(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms (liberator.monitoring.timeout)";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        // an answer that is not Prometheus's (a proxy's page, garbage): words for the page, the parser's text
        // (or a NullPointerException's) is only for the log line of the caller, which has the exception
        if (e instanceof StreamConstraintsException) {
            return "its answer is larger than " + settings.maxAnswerSize() + " bytes (liberator.monitoring.max-answer-size)";
        }
        if (e instanceof JacksonException json) {
            JsonLocation at = json.getLocation();
            return "its answer is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")");
        }
        if (e instanceof RuntimeException) {
            return "its answer is not shaped like a Prometheus API answer";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A sample value as Prometheus's JSON spells it: a decimal, {@code NaN}, or {@code +Inf} / {@code -Inf},
     * which Java's parser does not read (histogram_quantile answers +Inf when the quantile is in the last bucket).
     */
    static double sample(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Prometheus's own {@code error} text of a refusal, when its body says one. */
    private static String errorOf(byte[] body) {
        try {
            String error = JSON.readTree(body).path("error").asText("");
            return error.isEmpty() ? "" : ": " + error;
        } catch (IOException e) {
            return ""; // not Prometheus's JSON (a proxy's page): the status says enough
        }
    }
}
