package com.cloudquant.liberator.tokenservice.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Shapes every error Micronaut itself produces (unknown route, wrong method, oversize body,
 * unreadable body, failed validation) as problem+json, without a stack trace.
 */
@Singleton
@Primary
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        MutableHttpResponse<Problem> problem = Problem.response(status, detail(status, context));
        base.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem;
    }

    private static String detail(HttpStatus status, ErrorContext context) {
        String path = context.getRequest().getPath();
        return switch (status) {
            case UNAUTHORIZED -> "sign in: send Authorization: Basic (the local admin) or Authorization: Bearer <IdP access token>";
            case FORBIDDEN -> "your account lacks the role this needs: issuing and revoking need super-admin,"
                    + " reading needs auditor or super-admin; ask an administrator for the role";
            case NOT_FOUND -> "no resource at " + path + ": see docs/rest-api.md for the endpoints";
            case METHOD_NOT_ALLOWED -> context.getRequest().getMethod() + " is not allowed on " + path
                    + ": see docs/rest-api.md for the methods each endpoint takes";
            case REQUEST_ENTITY_TOO_LARGE -> "the request body is too large: send a JSON object such as"
                    + " {\"consumer\":\"grafana-prod\"} (a few hundred bytes)";
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as JSON with Content-Type: application/json";
            case NOT_ACCEPTABLE -> "this endpoint answers JSON: accept application/json";
            case INTERNAL_SERVER_ERROR -> "the service failed unexpectedly; retry, and if it persists check the service log";
            default -> context.getErrors().isEmpty() ? status.getReason()
                    : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        };
    }
}
