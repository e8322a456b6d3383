package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.edge.TrustedProxies;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;

/** The client address a sign-in is counted against: the peer, or whom a trusted proxy names. */
@Singleton
final class ClientAddresses {

    private final TrustedProxies trustedProxies;

    ClientAddresses(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    InetAddress of(HttpRequest<?> request) {
        InetAddress peer = request == null ? InetAddress.getLoopbackAddress() : request.getRemoteAddress().getAddress();
        return request == null ? peer : trustedProxies.client(peer, request.getHeaders().getAll("X-Forwarded-For"));
    }
}
