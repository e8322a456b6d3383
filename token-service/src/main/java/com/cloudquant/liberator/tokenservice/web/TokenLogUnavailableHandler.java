package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenlog.TokenLogHaltedException;
import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import com.cloudquant.liberator.tokenservice.eventstore.SigningKeyUnavailableException;
import com.cloudquant.liberator.tokenservice.eventstore.TokenLogNotCurrentException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The log cannot take a write now: 503 problem+json whose detail says why and what to do.
 * Nothing was recorded in any of these cases. One handler per exception type (Micronaut picks
 * a handler by type), kept together so the refusals stay alike.
 */
final class TokenLogUnavailableHandler {

    private TokenLogUnavailableHandler() {
    }

    /** Kafka did not answer in time: the caller may retry once Kafka is back. */
    @Produces
    @Singleton
    static final class KafkaUnavailable implements ExceptionHandler<TokenLogUnavailableException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TokenLogUnavailableException exception) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage()).header("Retry-After", Problem.RETRY_SOON_SECONDS);
        }
    }

    /** Another producer holds a transaction open on the topic: retrying may succeed once it ends. */
    @Produces
    @Singleton
    static final class NotCurrent implements ExceptionHandler<TokenLogNotCurrentException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TokenLogNotCurrentException exception) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage()).header("Retry-After", Problem.RETRY_SOON_SECONDS);
        }
    }

    /** No key the log names as current is here to sign with: no Retry-After, an operator puts the key file in place. */
    @Produces
    @Singleton
    static final class NoSigningKey implements ExceptionHandler<SigningKeyUnavailableException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, SigningKeyUnavailableException exception) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage());
        }
    }

    /** The log halted: no Retry-After, since only an operator's repair and a restart end it. */
    @Produces
    @Singleton
    static final class Halted implements ExceptionHandler<TokenLogHaltedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TokenLogHaltedException exception) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.halt().describe());
        }
    }
}
