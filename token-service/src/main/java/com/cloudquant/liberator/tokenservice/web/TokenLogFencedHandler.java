package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.eventstore.TokenLogFencedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Another instance owns the log: this one answers writes with 503 for good. */
@Produces
@Singleton
final class TokenLogFencedHandler implements ExceptionHandler<TokenLogFencedException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, TokenLogFencedException exception) {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage());
    }
}
