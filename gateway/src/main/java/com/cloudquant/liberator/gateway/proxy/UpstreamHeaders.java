package com.cloudquant.liberator.gateway.proxy;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

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

    /**
     * Copies the client's end-to-end headers onto the upstream request, then sets X-Forwarded-*.
     * Host is left to the HTTP client, which names the upstream.
     */
    static void copyForUpstream(HttpRequest<?> original, MutableHttpHeaders upstream, boolean peerTrusted) {
        HttpHeaders client = original.getHeaders();
        copyEndToEnd(client, upstream, NEVER_UPSTREAM::contains);
        InetSocketAddress peer = original.getRemoteAddress();
        String peerIp = peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        String priorFor = peerTrusted ? client.get("X-Forwarded-For") : null;
        String proto = peerTrusted ? client.get("X-Forwarded-Proto") : null;
        String host = peerTrusted ? client.get("X-Forwarded-Host") : null;
        String clientHost = client.get(HttpHeaders.HOST);
        upstream.set("X-Forwarded-For", priorFor == null || priorFor.isBlank() ? peerIp : priorFor + ", " + peerIp);
        upstream.set("X-Forwarded-Proto", proto != null ? proto : original.isSecure() ? "https" : "http");
        if (host != null || clientHost != null) {
            upstream.set("X-Forwarded-Host", host != null ? host : clientHost);
        }
    }

    /** Copies the upstream answer's headers for the client, without hop-by-hop ones, CORS grants and cookies. */
    static void copyForClient(HttpHeaders upstream, MutableHttpHeaders client) {
        copyEndToEnd(upstream, client, lower -> lower.startsWith("access-control-") || lower.equals("set-cookie"));
    }

    /**
     * Copies every header of {@code from} except hop-by-hop ones (the fixed list and those its
     * {@code Connection} header names) and those whose lower-case name {@code dropped} matches.
     * Each name is copied once whatever its spellings: a lookup by name already returns the values
     * of every spelling ({@code X-A} and {@code x-a}), so copying per spelling would send each twice.
     */
    private static void copyEndToEnd(HttpHeaders from, MutableHttpHeaders to, Predicate<String> dropped) {
        List<String> connectionListed = from.getAll(HttpHeaders.CONNECTION);
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(from.names());
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || dropped.test(lower) || listedIn(connectionListed, name)) {
                continue;
            }
            for (String value : from.getAll(name)) {
                to.add(name, value);
            }
        }
    }

    /** Whether one of the message's {@code Connection} headers names this header as hop-by-hop. */
    private static boolean listedIn(List<String> connectionHeaders, String name) {
        for (String listed : connectionHeaders) {
            for (String token : listed.split(",")) {
                if (token.trim().equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
