package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {

    @TempDir
    Path dir;

    @Test
    void generatedKeyFilesReadBackAndSignForEachOther() throws Exception {
        Path privateKey = dir.resolve("keys/private.pem");
        Path publicKey = dir.resolve("keys/public.pem");
        KeyPair written = Ed25519Keys.generateInto(privateKey, publicKey);

        EventSigner signer = new EventSigner(new KeyPair(Ed25519Keys.readPublicKey(publicKey),
                Ed25519Keys.readPrivateKey(privateKey)));
        TrustedKeys trusted = TrustedKeys.of(Ed25519Keys.readPublicKey(publicKey));

        assertThat(signer.keyId()).isEqualTo(Ed25519Keys.keyId(written.getPublic())).hasSize(16);
        assertThat(trusted.verify(signer.keyId(), "ab".repeat(32), signer.sign("ab".repeat(32)))).isTrue();
        assertThat(trusted.verify(signer.keyId(), "ab".repeat(32), signer.sign("cd".repeat(32)))).isFalse();
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    }

    @Test
    void aWrongFileIsNamedInTheError() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("oops.pem"), "hello");

        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(notAKey))
                .hasMessageContaining("oops.pem").hasMessageContaining("BEGIN PUBLIC KEY");
    }
}
