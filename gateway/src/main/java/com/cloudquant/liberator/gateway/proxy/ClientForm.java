package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.scope.FormCodec;
import com.cloudquant.liberator.gateway.scope.Param;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a client sent as parameters: the query string and, for a POST, the form body, decoded by
 * {@link FormCodec}; the one place a request's body is read for its parameters.
 *
 * @param queryString the pairs of the query string
 * @param formBody    the pairs of the form body (none for GET: Prometheus reads a body only on POST)
 * @param body        the body's bytes as sent, for a POST; {@code null} for GET (its body streams as it is)
 */
record ClientForm(List<Param> queryString, List<Param> formBody, byte[] body) {

    /**
     * Reads {@code request}'s parameters; a POST body is read whole (at most {@code maxRequestBody} bytes).
     * A GET with a body is refused (400). Only {@code application/x-www-form-urlencoded} is taken; any other body is refused (400), never
     * ignored: Prometheus reads multipart forms too, so a body the gateway cannot read could carry the
     * parameters that count.
     */
    static Mono<ClientForm> read(HttpRequest<?> request, long maxRequestBody) {
        List<Param> queryString;
        try {
            queryString = FormCodec.decode(request.getUri().getRawQuery(), "query string");
        } catch (GatewayRejection rejection) {
            return Mono.error(rejection);
        }
        if (request.getMethod() != HttpMethod.POST || !(request instanceof ServerHttpRequest<?> server)) {
            if (request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
                // Go's FormValue reads a multipart body whatever the method: its values would count
                // where the query string has none, unjudged
                return Mono.error(new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", "a " + request.getMethodName()
                        + " sends its parameters in the query string and no body: send none, or POST a form ("
                        + MediaType.APPLICATION_FORM_URLENCODED + ")", "unsupported_body"));
            }
            return Mono.just(new ClientForm(queryString, List.of(), null));
        }
        MediaType type = request.getContentType().orElse(null);
        boolean form = type != null && type.getName().equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED);
        if (!form && (type != null || request.getContentLength() != 0)) {
            return Mono.error(new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data",
                    "a POST must send its parameters as a form (Content-Type: "
                            + MediaType.APPLICATION_FORM_URLENCODED + "), not "
                            + (type == null ? "a body without Content-Type" : type.getName()), "unsupported_body"));
        }
        return Mono.fromFuture(() -> server.byteBody().buffer()).map(available -> {
            try (available) {
                GatewayFilter.checkBodySize(available.length(), maxRequestBody);
                byte[] bytes = available.toByteArray();
                return new ClientForm(queryString, FormCodec.decode(bytes, "form body"), bytes);
            }
        });
    }
}
