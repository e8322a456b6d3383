package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class InvalidTokenRequestHandler implements ExceptionHandler<InvalidTokenRequestException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidTokenRequestException exception) {
        return Problem.response(HttpStatus.BAD_REQUEST, exception.getMessage(), exception.field());
    }
}
