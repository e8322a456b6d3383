package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.eventstore.TokenLogUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Kafka did not confirm in time: 503, and the caller may retry once Kafka is back. */
@Produces
@Singleton
final class TokenLogUnavailableHandler implements ExceptionHandler<TokenLogUnavailableException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, TokenLogUnavailableException exception) {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage()).header("Retry-After", "5");
    }
}
