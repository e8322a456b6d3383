package com.cloudquant.liberator.tokenlog;

import java.util.List;

/**
 * The committed records of the token topic from an offset up to where the committed log
 * ended when the read began, a poll batch at a time (so a long log streams instead of piling
 * up). A read that gets nothing for longer than the timeout fails instead of hanging.
 */
public final class CommittedRecords implements AutoCloseable {

    private static final java.time.Duration POLL = java.time.Duration.ofMillis(200);

    private final LogReader reader;
    private final TokenLogSettings settings;
    private final long end;

    private CommittedRecords(LogReader reader, TokenLogSettings settings, long end) {
        this.reader = reader;
        this.settings = settings;
        this.end = end;
    }

    /** Opens a read of the committed records from {@code fromOffset} to the current committed end. */
    public static CommittedRecords open(TokenLogSettings settings, long fromOffset) {
        LogReader reader = LogReader.open(settings, fromOffset);
        try {
            return new CommittedRecords(reader, settings, reader.committedEnd());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** One past the last offset this read covers, fixed when it opened. */
    public long end() {
        return end;
    }

    /**
     * The next batch in offset order; empty once every record before {@link #end()} was returned.
     *
     * @throws TokenLogUnavailableException when Kafka delivers nothing for longer than the timeout
     */
    public List<LogRecord> next() {
        long lastProgress = System.nanoTime();
        while (reader.position() < end) {
            List<LogRecord> batch = reader.poll(POLL);
            if (!batch.isEmpty()) {
                return batch.get(batch.size() - 1).offset() < end ? batch
                        : batch.stream().filter(record -> record.offset() < end).toList();
            }
            if (System.nanoTime() - lastProgress > settings.timeout().toNanos()) {
                throw new TokenLogUnavailableException("Kafka at " + settings.bootstrapServers()
                        + " stopped delivering topic " + settings.topic() + " at offset " + reader.position()
                        + " of " + end + " for " + settings.timeout() + "; check that Kafka is reachable", null);
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        reader.close();
    }
}
