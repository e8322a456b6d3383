package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalUuidTest {

    @Test
    void aUuidWrittenAsUuidsAreWrittenParsesToItself() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = i == 0 ? new UUID(0, 0) : i == 1 ? new UUID(-1, -1) : new UUID(random.nextLong(), random.nextLong());

            assertThat(CanonicalUuid.parse(uuid.toString())).as(uuid.toString()).isEqualTo(uuid);
        }
        String uuid = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
        assertThat(CanonicalUuid.parse(uuid)).isEqualTo(UUID.fromString(uuid));
    }

    /** Each of these would be a different id if it were kept as the UUID it parses to. */
    @Test
    void anythingElseIsNoCanonicalUuid() {
        String canonical = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        for (String id : new String[] {canonical.toUpperCase(Locale.ROOT), canonical.replace("-", ""), canonical + "0",
                canonical.substring(1), "3f2504e0-4f89-11d3-9a0c-0305e82c330g", "3f2504e0-4f89-11d3-9a0c+0305e82c3301",
                "3f2504e0-4f8911d3--9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330ａ", "{3f2504e0-4f89-11d3-9a0c-0305e82c33}",
                "3f2504e04f89-11d3-9a0c-0305e82c3301-", "3f2504e0-4f89-11d3-9a0c_0305e82c3301", "", "t1"}) {
            assertThat(CanonicalUuid.parse(id)).as(id).isNull();
        }
    }
}
