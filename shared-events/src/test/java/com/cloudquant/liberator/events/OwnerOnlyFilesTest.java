package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    /** The mode is set by the create call itself: the file is 600 while still empty, before a byte of secret is in it. */
    @Test
    void aSecretFileIsOwnerOnlyFromItsCreationWhateverTheUmask() throws Exception {
        Path empty = dir.resolve("tls.key");
        OwnerOnlyFiles.createEmpty(empty);

        assertThat(Files.size(empty)).isZero();
        assertThat(mode(empty)).isEqualTo("rw-------");
        // what the umask alone gives a new file here, for comparison: not owner-only
        assertThat(mode(Files.createFile(dir.resolve("ordinary")))).isNotEqualTo("rw-------");

        Path secret = dir.resolve("session-secret");
        OwnerOnlyFiles.writeNew(secret, "s3cret".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(secret)).isEqualTo("s3cret");
        assertThat(mode(secret)).isEqualTo("rw-------");
    }

    @Test
    void anExistingFileIsNeverReplacedOrReModed() throws Exception {
        Path existing = Files.writeString(dir.resolve("password"), "kept");

        assertThatThrownBy(() -> OwnerOnlyFiles.writeNew(existing, "new".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(existing)).isEqualTo("kept");
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
