package com.cloudquant.liberator.tokenservice.monitoring;

/** No answer from the upstream Prometheus (not configured, unreachable, refused); the message says which and what still works. */
public final class PrometheusUnavailableException extends RuntimeException {

    PrometheusUnavailableException(String message) {
        super(message);
    }
}
