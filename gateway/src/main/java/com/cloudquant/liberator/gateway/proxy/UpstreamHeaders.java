package com.cloudquant.liberator.gateway.proxy;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What crosses the gateway in headers. Credentials never go upstream (invariant 4),
 * hop-by-hop headers are per connection, and X-Forwarded-* are written by the gateway,
 * extending the client's values only when the peer is a trusted proxy.
 */
final class UpstreamHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final Set<String> NEVER_UPSTREAM = Set.of("authorization", "cookie", "host", "origin",
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip");

    private UpstreamHeaders() {
    }

    static void prepareRequest(HttpRequest<?> original, MutableHttpHeaders upstream, boolean peerTrusted) {
        // read the client's values first: the mutable request may share its headers with the original
        HttpHeaders client = original.getHeaders();
        String priorFor = peerTrusted ? client.get("X-Forwarded-For") : null;
        String proto = peerTrusted ? client.get("X-Forwarded-Proto") : null;
        String host = peerTrusted ? client.get("X-Forwarded-Host") : null;
        String clientHost = client.get(HttpHeaders.HOST);
        Set<String> remove = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        remove.addAll(HOP_BY_HOP);
        remove.addAll(NEVER_UPSTREAM);
        for (String listed : original.getHeaders().getAll(HttpHeaders.CONNECTION)) {
            for (String name : listed.split(",")) {
                remove.add(name.trim());
            }
        }
        for (String name : List.copyOf(upstream.names())) {
            if (remove.contains(name)) {
                upstream.remove(name);
            }
        }
        InetSocketAddress peer = original.getRemoteAddress();
        String peerIp = peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        upstream.set("X-Forwarded-For", priorFor == null || priorFor.isBlank() ? peerIp : priorFor + ", " + peerIp);
        upstream.set("X-Forwarded-Proto", proto != null ? proto : original.isSecure() ? "https" : "http");
        if (host != null || clientHost != null) {
            upstream.set("X-Forwarded-Host", host != null ? host : clientHost);
        }
    }

    /** Removes what must not reach the client: hop-by-hop, CORS grants and cookies from upstream. */
    static void prepareResponse(MutableHttpHeaders response) {
        for (String name : List.copyOf(response.names())) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean hop = HOP_BY_HOP.contains(lower) && !lower.equals("transfer-encoding");
            if (hop || lower.startsWith("access-control-") || lower.equals("set-cookie")) {
                response.remove(name);
            }
        }
    }
}
