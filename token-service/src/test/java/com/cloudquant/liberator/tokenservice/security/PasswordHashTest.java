package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private final PasswordHash hash = PasswordHash.of("s3cret-Pa55", 10000, new SecureRandom());

    @Test
    void matchesOnlyTheExactPassword() {
        assertThat(hash.matches("s3cret-Pa55")).isTrue();
        assertThat(hash.matches("s3cret-pa55")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.matches(null)).isFalse();
    }

    @Test
    void neverPrintsThePasswordOrHash() {
        assertThat(hash.toString()).doesNotContain("s3cret").contains("PBKDF2");
    }
}
