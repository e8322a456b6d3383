package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusVersionTest {

    @Test
    void labelMatchersFromTwoTwentyFourOn() {
        assertThat(PrometheusVersion.of("2.42.0+ds").labelMatchers()).isTrue();
        assertThat(PrometheusVersion.of("2.24.0").labelMatchers()).isTrue();
        assertThat(PrometheusVersion.of("v2.24.0-rc.0").labelMatchers()).isTrue();
        assertThat(PrometheusVersion.of("3.0.1").labelMatchers()).isTrue();
        assertThat(PrometheusVersion.of("2.23.1").labelMatchers()).isFalse();
        assertThat(PrometheusVersion.of("1.8.2").labelMatchers()).isFalse();
    }

    @Test
    void aVersionThatCannotBeReadIsTreatedAsTooOld() {
        assertThat(PrometheusVersion.of("unknown").labelMatchers()).isFalse();
        assertThat(PrometheusVersion.of("2.x").labelMatchers()).isFalse();
        assertThat(PrometheusVersion.of("").labelMatchers()).isFalse();
        assertThat(PrometheusVersion.fromBuildinfo("{\"status\":\"success\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new PrometheusVersion("unknown", false));
        assertThat(PrometheusVersion.fromBuildinfo(("{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\","
                + "\"revision\":\"x\"}}").getBytes(StandardCharsets.UTF_8))).isEqualTo(new PrometheusVersion("2.42.0", true));
    }
}
