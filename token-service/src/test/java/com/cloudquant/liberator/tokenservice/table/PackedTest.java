package com.cloudquant.liberator.tokenservice.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PackedTest {

    /** Which ids are kept as two longs is {@code CanonicalUuid}'s (shared-events); the table writes them back so. */
    @Test
    void aUuidsBitsAreWrittenBackAsTheUuidIsWritten() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = i == 0 ? new UUID(0, 0) : i == 1 ? new UUID(-1, -1) : new UUID(random.nextLong(), random.nextLong());

            assertThat(Packed.uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits())).isEqualTo(uuid.toString());
        }
    }

    @Test
    void aHintOfTheServicesShapePacksIntoAnIntAndBack() {
        for (String hint : new String[] {"cqm_0000…0000", "cqm_ffff…ffff", "cqm_1a2b…9f0e", "cqm_8000…0001"}) {
            long packed = Packed.packHint(hint);

            assertThat(packed).as(hint).isNotEqualTo(Packed.ODD_HINT);
            assertThat(Packed.hint((int) packed)).isEqualTo(hint);
        }
        for (String hint : new String[] {"cqm_1A2B…9f0e", "cqm_1a2b...9f0e", "cqm_1a2b…9f0", "xqm_1a2b…9f0e", "", "cqm_1a2b…9f0e "}) {
            assertThat(Packed.packHint(hint)).as(hint).isEqualTo(Packed.ODD_HINT);
        }
    }
}
