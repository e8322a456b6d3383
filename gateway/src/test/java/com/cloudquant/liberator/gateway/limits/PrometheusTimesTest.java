package com.cloudquant.liberator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Times and steps read as Prometheus reads them, and what it would read otherwise refused. */
class PrometheusTimesTest {

    @ParameterizedTest
    @CsvSource({
            "1700000000, 2023-11-14T22:13:20Z",
            "1700000000.123, 2023-11-14T22:13:20.123Z",
            "1700000000.1234, 2023-11-14T22:13:20.123Z",   // Prometheus rounds to milliseconds
            "1700000000.1236, 2023-11-14T22:13:20.124Z",
            "1.7e9, 2023-11-14T22:13:20Z",
            "+1700000000, 2023-11-14T22:13:20Z",
            "-1, 1969-12-31T23:59:59Z",
            ".5, 1970-01-01T00:00:00.500Z",
            "2023-11-14T22:13:20Z, 2023-11-14T22:13:20Z",
            "2023-11-14T22:13:20.5Z, 2023-11-14T22:13:20.500Z",
            "2023-11-14T23:13:20+01:00, 2023-11-14T22:13:20Z",
            "2023-11-14T22:13:20.123456789Z, 2023-11-14T22:13:20.123456789Z"})
    void timesAreUnixSecondsWithDecimalsOrRfc3339(String text, String expected) {
        assertThat(PrometheusTimes.time("start", text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void prometheusOwnUnboundedTimesAreTheEndsOfTime() {
        assertThat(PrometheusTimes.time("start", "-292273086-05-16T16:47:06Z")).isEqualTo(Instant.MIN);
        assertThat(PrometheusTimes.time("end", "292277025-08-18T07:12:54.999999999Z")).isEqualTo(Instant.MAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "now", "NaN", "Inf", "+Inf", "0x1p3", "1_000", "1e999999", " 1700000000",
            "1700000000 ", "2023-11-14", "2023-11-14T22:13Z", "2023-11-14 22:13:20Z", "2023-13-14T22:13:20Z",
            "2023-11-14T22:13:20", "1d", "1700000000f", "1e20"})
    void anythingElseIsRefusedNamingTheParameter(String text) {
        assertThatThrownBy(() -> PrometheusTimes.time("end", text)).isInstanceOfSatisfying(GatewayRejection.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.errorType()).isEqualTo("bad_data");
            assertThat(e.getMessage()).startsWith("invalid parameter \"end\"");
            assertThat(e.reason()).isEqualTo("bad_end");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "15, PT15S", "15s, PT15S", "0.5, PT0.5S", "1m30s, PT1M30S", "1h, PT1H", "2d, PT48H", "1w, PT168H",
            "1y, PT8760H", "250ms, PT0.25S", "1m500ms, PT1M0.5S", "1e1, PT10S", "0, PT0S", "-15, PT-15S",
            "0.0000000001, PT0S"})
    void stepsAreFloatSecondsOrPrometheusDurations(String text, String expected) {
        assertThat(PrometheusTimes.duration("step", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15S", "1.5s", "1s1m", "15 s", "s", "1h1h", "PT15S", "9999999999999999999s",
            "1e12", "abc", "Inf", "NaN"})
    void stepsPrometheusCannotReadAreRefused(String text) {
        assertThatThrownBy(() -> PrometheusTimes.duration("step", text))
                .isInstanceOfSatisfying(GatewayRejection.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("invalid parameter \"step\"");
                });
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT15S, 15s", "PT1M30S, 1m30s", "PT768H, 32d", "PT0.25S, 250ms", "PT0.0001S, <1ms",
            "PT-15S, -15s", "PT26H1M1.5S, 1d2h1m1s500ms"})
    void durationsAreShownAsGrafanaTakesThem(String duration, String shown) {
        assertThat(PrometheusTimes.show(Duration.parse(duration))).isEqualTo(shown);
    }

    @Test
    void aRangeToTheEndOfTimeCanStillBeShown() {
        assertThat(PrometheusTimes.show(Duration.between(Instant.MIN, Instant.MAX))).isEqualTo("730485000365d23h59m59s999ms");
    }
}
