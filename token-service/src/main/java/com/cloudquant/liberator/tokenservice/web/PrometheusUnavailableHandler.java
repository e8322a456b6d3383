package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.monitoring.PrometheusUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The upstream Prometheus gave no answer: 503 problem+json saying which Prometheus and why. */
@Produces
@Singleton
final class PrometheusUnavailableHandler implements ExceptionHandler<PrometheusUnavailableException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, PrometheusUnavailableException exception) {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage());
    }
}
