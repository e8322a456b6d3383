package com.cloudquant.liberator.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenDigestTest {

    @Test
    void hashesExactlyAsTheSharedTokenContractDoes() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            BearerToken token = BearerToken.generate(random);
            assertThat(java.util.HexFormat.of().formatHex(TokenDigest.sha256(token.reveal()))).isEqualTo(token.sha256Hex());
        }
    }
}
