package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.IdempotencyKeyConflictException;
import com.cloudquant.liberator.tokenservice.command.TokenChangedConcurrentlyException;
import com.cloudquant.liberator.tokenservice.eventstore.TokenLogUnauditedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Writes refused for a reason of the request (409) or of the log (503); nothing was recorded in any. */
final class WriteRefusedHandlers {

    private WriteRefusedHandlers() {
    }

    /** An unauthenticated record nobody audited: only an operator's audit and a restart end it. */
    @Produces
    @Singleton
    static final class Unaudited implements ExceptionHandler<TokenLogUnauditedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TokenLogUnauditedException exception) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class KeyConflict implements ExceptionHandler<IdempotencyKeyConflictException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, IdempotencyKeyConflictException exception) {
            return Problem.response(HttpStatus.CONFLICT, exception.getMessage(), "Idempotency-Key");
        }
    }

    @Produces
    @Singleton
    static final class Concurrent implements ExceptionHandler<TokenChangedConcurrentlyException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TokenChangedConcurrentlyException exception) {
            return Problem.response(HttpStatus.CONFLICT, exception.getMessage());
        }
    }
}
