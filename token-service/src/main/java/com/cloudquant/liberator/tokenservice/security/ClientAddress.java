package com.cloudquant.liberator.tokenservice.security;

import io.micronaut.http.HttpRequest;

/** The peer address a throttle counts against (the load balancer's, behind one). */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpRequest<?> request) {
        return request == null ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    }
}
