package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.TokenNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class TokenNotFoundHandler implements ExceptionHandler<TokenNotFoundException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, TokenNotFoundException exception) {
        return Problem.response(HttpStatus.NOT_FOUND, exception.getMessage());
    }
}
