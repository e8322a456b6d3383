package com.cloudquant.liberator.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A child's log file, which it appends to at every start: what it wrote since the last one. */
final class ProcessLog {

    private static final int TAIL_LINES = 30;
    /** The tail is read from the end of the file: a service's log may be hundreds of megabytes. */
    private static final long TAIL_BYTES = 64 * 1024;

    private final Path file;
    private volatile long startOffset;

    ProcessLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Called before each start: what the file held until now belongs to earlier runs. */
    void markStart() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        startOffset = Files.exists(file) ? Files.size(file) : 0;
    }

    String sinceStart() {
        return read(startOffset);
    }

    /** The last lines written since the start, or a note saying why there are none. */
    String tail() {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        String text = read(Math.max(startOffset, size - TAIL_BYTES));
        if (text.isBlank()) {
            return "(it wrote nothing)";
        }
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private String read(long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(file);
             InputStream in = Channels.newInputStream(channel.position(from))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
