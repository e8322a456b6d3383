package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.TooManyActiveTokensException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class TooManyActiveTokensHandler implements ExceptionHandler<TooManyActiveTokensException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyActiveTokensException exception) {
        return Problem.response(HttpStatus.CONFLICT, exception.getMessage(), "consumer");
    }
}
