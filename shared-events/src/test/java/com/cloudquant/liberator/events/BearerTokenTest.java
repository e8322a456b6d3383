package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    // Built with python's zlib.crc32 and sha256sum, independently of this code (see docs/event-schema.md).
    private static final String KNOWN = "cqm_1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b9f0e2944c499";
    private static final String KNOWN_SHA256 = "7a4e7a4b484a43c8e9bddb93ff85cfd25f5ef8dc4ab6c249e449e4857acb8544";
    private static final String HEX = "0123456789abcdef";

    @Test
    void aTokenMadeByOtherToolsParsesAndHashesTheSame() throws Exception {
        BearerToken token = BearerToken.parse(KNOWN);

        assertThat(token.sha256Hex()).isEqualTo(KNOWN_SHA256);
        assertThat(token.hint()).isEqualTo("cqm_1a2b…c499");
        assertThat(token.reveal()).isEqualTo(KNOWN);
    }

    @Test
    void hundredThousandGeneratedTokensAreDistinctAndValid() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String value = BearerToken.generate(random).reveal();
            assertThat(value).matches("cqm_[0-9a-f]{48}");
            assertThat(BearerToken.check(value)).isNull();
            seen.add(value);
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void everySingleHexSubstitutionIsCaughtByTheChecksum() {
        String token = BearerToken.generate(new SecureRandom()).reveal();
        int checked = 0;
        for (int position = BearerToken.PREFIX.length(); position < token.length(); position++) {
            for (char replacement : HEX.toCharArray()) {
                if (replacement == token.charAt(position)) {
                    continue;
                }
                String typo = token.substring(0, position) + replacement + token.substring(position + 1);
                assertThat(BearerToken.check(typo)).as(typo).isEqualTo(BearerToken.Rejection.BAD_CHECKSUM);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(48 * 15);
    }

    @Test
    void everyOtherSingleCharacterSubstitutionIsRejectedToo() {
        String token = BearerToken.generate(new SecureRandom()).reveal();
        for (int position = 0; position < token.length(); position++) {
            for (char replacement = 0x20; replacement < 0x7f; replacement++) {
                if (replacement == token.charAt(position)) {
                    continue;
                }
                String typo = token.substring(0, position) + replacement + token.substring(position + 1);
                assertThat(BearerToken.check(typo)).as(typo).isNotNull();
            }
        }
    }

    @Test
    void eachRejectionNamesWhatIsWrong() {
        assertThat(BearerToken.check("Bearer " + KNOWN)).isEqualTo(BearerToken.Rejection.WRONG_PREFIX);
        assertThat(BearerToken.check("CQM_" + KNOWN.substring(4))).isEqualTo(BearerToken.Rejection.WRONG_PREFIX);
        assertThat(BearerToken.check("")).isEqualTo(BearerToken.Rejection.WRONG_PREFIX);
        assertThat(BearerToken.check(null)).isEqualTo(BearerToken.Rejection.WRONG_PREFIX);
        assertThat(BearerToken.check(KNOWN.substring(0, 51))).isEqualTo(BearerToken.Rejection.WRONG_LENGTH);
        assertThat(BearerToken.check(KNOWN + "0")).isEqualTo(BearerToken.Rejection.WRONG_LENGTH);
        assertThat(BearerToken.check(KNOWN.toUpperCase().replace("CQM_", "cqm_")))
                .isEqualTo(BearerToken.Rejection.NOT_LOWERCASE_HEX);
        assertThatThrownBy(() -> BearerToken.parse(KNOWN.substring(0, 51) + "0"))
                .isInstanceOf(BearerToken.MalformedTokenException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void toStringNeverShowsTheSecret() throws Exception {
        BearerToken token = BearerToken.parse(KNOWN);

        assertThat(token.toString()).doesNotContain(KNOWN.substring(8, 48)).contains("cqm_1a2b…c499");
    }
}
