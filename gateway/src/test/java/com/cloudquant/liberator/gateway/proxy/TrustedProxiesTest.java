package com.cloudquant.liberator.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static TrustedProxies trusting(String... cidrs) {
        return new TrustedProxies(new GatewayProperties(URI.create("http://127.0.0.1:9090"), true, "/login",
                Duration.ofSeconds(5), Duration.ofMillis(500), 1 << 20, 20, Duration.ofSeconds(30), List.of(cidrs)));
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
        assertThat(trusting(cidr).trusts(InetAddress.getByName(peer))).isEqualTo(trusted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "lb.example.com", "10.0.0.0/x", "not a cidr"})
    void anythingButALiteralCidrFailsNamingTheKey(String cidr) {
        assertThatThrownBy(() -> trusting(cidr)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("liberator.gateway.trusted-proxies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0"})
    void emptyPrefixTrustsEveryIpv4Peer(String cidr) throws Exception {
        assertThat(trusting(cidr).trusts(InetAddress.getByName("203.0.113.9"))).isTrue();
    }
}
