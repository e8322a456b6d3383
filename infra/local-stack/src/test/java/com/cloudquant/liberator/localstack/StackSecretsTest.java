package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's secrets on disk are readable by their owner only. */
class StackSecretsTest {

    @TempDir
    Path dir;

    @Test
    void theSessionSecretIsOwnerOnlyAndKeptAcrossStarts() throws Exception {
        StackLayout layout = new StackLayout(dir);
        layout.create();

        String secret = layout.sessionSecret();

        Path file = dir.resolve("keys/session-secret");
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(layout.sessionSecret()).isEqualTo(secret);
    }

    /** With the real openssl: the TLS private key is owner-only, the certificate readable by nginx. */
    @Test
    void theTlsPrivateKeyIsOwnerOnly() throws Exception {
        StackLayout layout = new StackLayout(dir);
        layout.create();
        // a half-made pair from an interrupted earlier start: the key is made again, owner-only
        Files.writeString(layout.tls().resolve("localhost.key"), "stale");

        TlsCertificate.ensure(new Programs(dir), layout.tls());

        Path key = layout.tls().resolve("localhost.key");
        assertThat(Files.readString(key)).contains("PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(layout.tls().resolve("localhost.crt"))).contains("BEGIN CERTIFICATE");
    }
}
