package com.cloudquant.liberator.tokenservice.monitoring;

/**
 * No answer from the upstream Prometheus (not configured, unreachable, an error answer); the
 * message says which, and what still works without it.
 */
public final class PrometheusUnavailableException extends RuntimeException {

    PrometheusUnavailableException(String message) {
        super(message);
    }
}
