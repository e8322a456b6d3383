package com.cloudquant.liberator.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code liberator.trusted-proxies}: the peers (nginx, a load balancer) whose {@code X-Forwarded-For}
 * is believed, the same list and rule for the gateway and the token-service.
 *
 * <p>A request's client is its TCP peer, unless the peer is trusted: then it is the right-most
 * address of {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends
 * the address it saw, so addresses left of the last untrusted one are whatever the client chose
 * to send). A header that does not parse as a list of IP literals is ignored: the peer stands.
 * Only literals count, so reading a header never triggers a DNS lookup.
 */
public final class TrustedProxies {

    /** The configuration key both services read the list from. */
    public static final String SETTING = "liberator.trusted-proxies";

    /** Dotted-quad IPv4, or IPv6 (has a ':'): a bare hex word such as "cafe" is a host name to the JDK. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> cidrs;

    private TrustedProxies(List<Cidr> cidrs) {
        this.cidrs = List.copyOf(cidrs);
    }

    /** Nobody is trusted: every request's client is its peer. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses CIDRs such as {@code 10.0.0.0/8} or single addresses such as {@code 127.0.0.1}.
     *
     * @throws IllegalArgumentException naming {@value #SETTING} and the bad entry
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                parsed.add(Cidr.parse(entry.trim()));
            }
        }
        return new TrustedProxies(parsed);
    }

    /** Whether {@code peer}'s forwarding headers are believed. */
    public boolean trusts(InetAddress peer) {
        for (Cidr cidr : cidrs) {
            if (cidr.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address a request came from.
     *
     * @param peer          the TCP peer
     * @param forwardedFors every {@code X-Forwarded-For} header value of the request, in order
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFors) {
        if (!trusts(peer) || forwardedFors.isEmpty()) {
            return peer;
        }
        List<InetAddress> hops = new ArrayList<>();
        for (String header : forwardedFors) {
            for (String part : header.split(",", -1)) {
                InetAddress hop = literal(part.trim());
                if (hop == null) {
                    return peer;
                }
                hops.add(hop);
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusts(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45 || !IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress parsed = literal(address);
            try {
                if (parsed == null) {
                    throw new NumberFormatException("not an IP literal");
                }
                byte[] bytes = parsed.getAddress();
                int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new NumberFormatException("prefix out of range");
                }
                return new Cidr(bytes, bits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SETTING + ": '" + text
                        + "' is not a CIDR; write e.g. 10.0.0.0/8 or 127.0.0.1/32");
            }
        }

        boolean contains(InetAddress peer) {
            byte[] candidate = peer.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
