package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogInstantTest {

    @Test
    void everyInstantTheLogWritesReadsBackAsTheSameInstant() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            // from 1970 to 2200, at millisecond precision, as the log keeps them
            Instant instant = Instant.ofEpochMilli((long) (random.nextDouble() * 7_258_118_400_000L));
            String written = LogInstant.format(instant);
            assertThat(LogInstant.parse("at", written)).as(written).isEqualTo(instant).isEqualTo(Instant.parse(written));
        }
        assertThat(LogInstant.parse("at", "2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
        assertThat(LogInstant.parse("at", "1970-01-01T00:00:00.000Z")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aDateOrTimeThatDoesNotExistIsRefusedNamingTheField() {
        for (String impossible : new String[] {"2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                "2026-00-10T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-01-01T24:00:00.000Z",
                "2026-01-01T23:60:00.000Z", "2026-01-01T23:59:60.000Z"}) {
            assertThatThrownBy(() -> LogInstant.parse("occurredAt", impossible)).as(impossible)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
        }
        for (String otherShape : new String[] {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000+00:00",
                "2026-01-01 00:00:00.000Z", "+2026-01-01T00:00:00.000Z", "２026-01-01T00:00:00.000Z"}) {
            assertThatThrownBy(() -> LogInstant.parse("occurredAt", otherShape)).as(otherShape)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like 2026-01-31T12:00:00.000Z");
        }
    }
}
