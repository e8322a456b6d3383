package com.cloudquant.liberator.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Short-timeout GETs against a service that may not be listening yet, or may be busy collecting garbage. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The status code, or -1 when nothing answered within 2 s. */
    int status(URI uri) {
        HttpResponse<String> response = send(uri, Duration.ofSeconds(2));
        return response == null ? -1 : response.statusCode();
    }

    /** The body of a 200 answer, or null. */
    String body(URI uri) {
        HttpResponse<String> response = send(uri, Duration.ofSeconds(30));
        return response != null && response.statusCode() == 200 ? response.body() : null;
    }

    private HttpResponse<String> send(URI uri, Duration timeout) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListeningOrTooSlow) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
