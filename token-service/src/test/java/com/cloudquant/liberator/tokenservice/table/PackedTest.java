package com.cloudquant.liberator.tokenservice.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PackedTest {

    @Test
    void aCanonicalUuidParsesToItsBitsAndBack() {
        Random random = new Random(3);
        long[] bits = new long[2];
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = i == 0 ? new UUID(0, 0) : i == 1 ? new UUID(-1, -1) : new UUID(random.nextLong(), random.nextLong());

            assertThat(Packed.parseCanonicalUuid(uuid.toString(), bits)).as(uuid.toString()).isTrue();
            assertThat(bits).containsExactly(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
            assertThat(Packed.uuid(bits[0], bits[1])).isEqualTo(uuid.toString());
        }
    }

    @Test
    void anythingElseIsNoCanonicalUuid() {
        String canonical = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        long[] bits = new long[2];
        for (String id : new String[] {canonical.toUpperCase(), canonical.replace("-", ""), canonical + "0",
                canonical.substring(1), "3f2504e0-4f89-11d3-9a0c-0305e82c330g", "3f2504e0-4f89-11d3-9a0c+0305e82c3301",
                "3f2504e0-4f8911d3--9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330ａ", "{3f2504e0-4f89-11d3-9a0c-0305e82c33}",
                "", "t1"}) {
            assertThat(Packed.parseCanonicalUuid(id, bits)).as(id).isFalse();
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
