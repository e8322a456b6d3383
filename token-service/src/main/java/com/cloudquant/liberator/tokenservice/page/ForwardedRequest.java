package com.cloudquant.liberator.tokenservice.page;

import io.micronaut.http.HttpRequest;

/** What the browser saw of a request that may have come through a TLS-terminating proxy. */
final class ForwardedRequest {

    private ForwardedRequest() {
    }

    /**
     * Marking a cookie {@code Secure} on a proxy's word needs no trust in the proxy: a forged
     * header can only make the forger's own cookie stricter.
     */
    static boolean isHttps(HttpRequest<?> request) {
        return request.isSecure() || request.getHeaders().findFirst("X-Forwarded-Proto")
                .map(p -> p.split(",")[0].trim().equalsIgnoreCase("https")).orElse(false);
    }

    /** The host (and port) the browser addressed, e.g. {@code liberator.example.com}. */
    static String host(HttpRequest<?> request) {
        return request.getHeaders().findFirst("X-Forwarded-Host").map(h -> h.split(",")[0].trim())
                .or(() -> request.getHeaders().findFirst("Host"))
                .orElse("");
    }
}
