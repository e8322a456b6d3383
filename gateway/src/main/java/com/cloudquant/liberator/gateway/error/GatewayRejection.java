package com.cloudquant.liberator.gateway.error;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * The one domain failure of the gateway: a request is answered by the gateway itself,
 * never forwarded. {@link RejectionResponses} turns it into Prometheus-shaped error JSON.
 * No stack trace: these are expected outcomes on the hot path.
 *
 * @see RejectionResponses
 */
public final class GatewayRejection extends RuntimeException {

    /** {@code Retry-After} of a refusal that ends within a second: one of the token's queries finishes. */
    public static final Map<String, String> RETRY_NEXT_SECOND = Map.of("Retry-After", "1");

    /** {@code Retry-After} of a refusal that ends by itself within seconds: the replica catches up, Kafka is back. */
    public static final Map<String, String> RETRY_SOON = Map.of("Retry-After", "5");

    /**
     * {@code Retry-After} of a refusal only an operator ends (a halted log, a Prometheus too old): asking
     * again every few seconds would only add load, once a minute shows when the repair is done.
     */
    public static final Map<String, String> RETRY_AFTER_REPAIR = Map.of("Retry-After", "60");

    private final HttpStatus status;
    private final String errorType;
    private final String reason;
    private final Map<String, String> headers;

    public GatewayRejection(HttpStatus status, String errorType, String message, String reason,
                            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
    }

    public GatewayRejection(HttpStatus status, String errorType, String message, String reason) {
        this(status, errorType, message, reason, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    /** Prometheus {@code errorType}, e.g. {@code unauthorized}, {@code timeout}. */
    public String errorType() {
        return errorType;
    }

    /** Short machine reason for logs and metrics, e.g. {@code checksum}, {@code forbidden_path}. */
    public String reason() {
        return reason;
    }

    /** Extra response headers, e.g. {@code WWW-Authenticate}, {@code Retry-After}, {@code Location}. */
    public Map<String, String> headers() {
        return headers;
    }
}
