package com.cloudquant.liberator.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one binding of {@value TrustedProxies#SETTING} both services start with. */
class TrustedProxiesFactoryTest {

    @Test
    void theSettingIsTheListBothServicesTrust() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of(TrustedProxies.SETTING, List.of("10.0.0.0/8")))) {
            TrustedProxies proxies = context.getBean(TrustedProxies.class);

            assertThat(proxies.client(InetAddress.getByName("10.1.2.3"), List.of("203.0.113.9")))
                    .isEqualTo(InetAddress.getByName("203.0.113.9"));
            assertThat(proxies.trusts(InetAddress.getByName("192.0.2.1"))).isFalse();
        }
    }

    @Test
    void withoutTheSettingNobodyIsTrusted() throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(TrustedProxies.class).trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        }
    }

    @Test
    void aBadEntryStopsStartUpNamingTheKeyAndTheEntry() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(TrustedProxies.SETTING, List.of("10.0.0.0/99"))))
                .hasStackTraceContaining(TrustedProxies.SETTING).hasStackTraceContaining("10.0.0.0/99");
    }
}
