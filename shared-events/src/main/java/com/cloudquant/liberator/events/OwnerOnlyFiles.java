package com.cloudquant.liberator.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold a secret (a private key, a password or session secret, a credential): created
 * readable and writable by their owner only <em>as they are created</em>. Writing a file and
 * then changing its mode leaves a moment in which anyone may open it, and an opened file stays
 * readable whatever its mode becomes; here the mode is part of the create call (mode 600 on a
 * POSIX file system, whatever the umask), so that moment never exists. The one place the
 * project makes such files.
 */
public final class OwnerOnlyFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code file}, which must not exist yet, with mode 600 from its creation, and writes
     * {@code content} to it, forced to disk.
     *
     * @throws FileAlreadyExistsException when it exists: a secret is never silently replaced
     */
    public static void writeNew(Path file, byte[] content) throws IOException {
        // created and opened in one call: nobody can put a link in its place between the two
        try (FileChannel channel = open(file)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Creates {@code file}, which must not exist yet, empty and with mode 600 from its creation:
     * for a program that writes a secret into an existing file (openssl's {@code -keyout}
     * truncates it and keeps its mode).
     */
    public static void createEmpty(Path file) throws IOException {
        open(file).close();
    }

    private static FileChannel open(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(file, options); // a non-POSIX file system: its own access rules apply
        }
    }
}
