package com.cloudquant.liberator.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static TrustedProxies trusting(String... cidrs) {
        return TrustedProxies.parse(List.of(cidrs));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/25, 192.168.1.127, true",
            "192.168.1.0/25, 192.168.1.128, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1/32, 127.0.0.2, false",
            "::1/128, ::1, true",
            "10.0.0.0/8, ::1, false"})
    void onlyPeersInsideAConfiguredCidrAreTrusted(String cidr, String peer, boolean trusted) throws Exception {
        assertThat(trusting(cidr).trusts(ip(peer))).isEqualTo(trusted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "lb.example.com", "10.0.0.0/x", "not a cidr", "10.0.0.0/-1", "cafe", "10.0.0/8"})
    void anythingButALiteralCidrFailsNamingTheKey(String cidr) {
        assertThatThrownBy(() -> trusting(cidr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liberator.trusted-proxies").hasMessageContaining(cidr);
    }

    @Test
    void anEmptyPrefixTrustsEveryIpv4Peer() throws Exception {
        assertThat(trusting("0.0.0.0/0").trusts(ip("203.0.113.9"))).isTrue();
    }

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            // an untrusted peer's header is ignored, whatever it says
            "203.0.113.7 | 198.51.100.1           | 203.0.113.7",
            // nginx (trusted) names the client
            "127.0.0.1   | 198.51.100.1           | 198.51.100.1",
            // a client that sends its own header cannot hide behind it: nginx appended the real address
            "127.0.0.1   | 6.6.6.6, 198.51.100.1  | 198.51.100.1",
            // trusted hops on the right are skipped
            "127.0.0.1   | 198.51.100.1, 10.0.0.5 | 198.51.100.1",
            // nothing parseable: the peer stands
            "127.0.0.1   | unknown                | 127.0.0.1",
            "127.0.0.1   | 198.51.100.1, evil.example | 127.0.0.1",
            // hex-letter host names are names, never looked up
            "127.0.0.1   | cafe                   | 127.0.0.1",
            "127.0.0.1   | dead.beef              | 127.0.0.1",
            // IPv6 literals count too
            "127.0.0.1   | 2001:db8::1            | 2001:db8::1"})
    void theClientIsTheRightMostUntrustedHopBehindATrustedPeer(String peer, String forwardedFor, String client)
            throws Exception {
        TrustedProxies proxies = trusting("127.0.0.1/32", "10.0.0.0/8");

        assertThat(proxies.client(ip(peer), List.of(forwardedFor))).isEqualTo(ip(client));
    }

    @Test
    void everyHeaderLineCountsInOrderAndAllTrustedHopsLeaveTheLeftMost() throws Exception {
        TrustedProxies proxies = trusting("127.0.0.1/32", "10.0.0.0/8");

        assertThat(proxies.client(ip("127.0.0.1"), List.of("198.51.100.1", "198.51.100.2"))).isEqualTo(ip("198.51.100.2"));
        assertThat(proxies.client(ip("127.0.0.1"), List.of("10.0.0.9, 10.0.0.5"))).isEqualTo(ip("10.0.0.9"));
        assertThat(proxies.client(ip("127.0.0.1"), List.of())).isEqualTo(ip("127.0.0.1"));
        assertThat(TrustedProxies.none().client(ip("127.0.0.1"), List.of("198.51.100.1"))).isEqualTo(ip("127.0.0.1"));
    }
}
