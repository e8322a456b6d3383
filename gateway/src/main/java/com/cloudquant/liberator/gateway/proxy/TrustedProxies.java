package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code liberator.gateway.trusted-proxies}: the peers (load balancers) whose
 * X-Forwarded-* headers are believed. Parsed at start-up; a bad CIDR stops the replica.
 */
@Context // eager: bad configuration must stop start-up, not the first request
final class TrustedProxies {

    private final List<Cidr> cidrs;

    TrustedProxies(GatewayProperties gateway) {
        List<Cidr> parsed = new ArrayList<>();
        for (String text : gateway.trustedProxies()) {
            parsed.add(Cidr.parse(text.trim()));
        }
        this.cidrs = List.copyOf(parsed);
    }

    boolean trusts(InetAddress peer) {
        for (Cidr cidr : cidrs) {
            if (cidr.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                // literal addresses only: getByName on an IP literal does no DNS lookup
                if (!text.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                    throw new UnknownHostException(text);
                }
                byte[] address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash)).getAddress();
                int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits > address.length * 8) {
                    throw new NumberFormatException("prefix too long");
                }
                return new Cidr(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new ConfigurationException("liberator.gateway.trusted-proxies: '" + text
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
