package com.cloudquant.liberator.kafka;

import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the nodes keep their logs: a directory the caller chose (kept after close, so a local
 * stack keeps its tokens between runs) or a temporary one (deleted on close).
 */
final class DataDirectory {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static DataDirectory explicit(Path path) {
        return new DataDirectory(path.toAbsolutePath(), false);
    }

    static DataDirectory temporary() {
        try {
            return new DataDirectory(Files.createTempDirectory("embedded-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Kafka", e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the directory if it is ours to delete. */
    void release() {
        if (!temporary) {
            return;
        }
        try {
            Utils.delete(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Kafka temporary directory " + path, e);
        }
    }
}
