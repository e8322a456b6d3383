package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One record of the token topic as Kafka delivered it, before any decoding.
 *
 * @param offset Kafka offset
 * @param value  the record value (an encoded envelope, or anything a stray producer wrote; may be
 *               null), as Kafka delivered it: a read-only view of the fetched bytes, not a copy
 */
public record LogRecord(long offset, ByteBuffer value) {

    public LogRecord {
        value = value == null ? null : value.asReadOnlyBuffer();
    }

    /** A record whose value is {@code value}. */
    public LogRecord(long offset, byte[] value) {
        this(offset, value == null ? null : ByteBuffer.wrap(value));
    }

    /** Batches at least this long are decoded on all cores: decoding dominates reading a long log. */
    private static final int PARALLEL_FROM = 256;

    /** Decodes {@code records}, keeping their order. Decoding never throws. */
    public static List<DecodedRecord> decodeAll(List<LogRecord> records) {
        return (records.size() >= PARALLEL_FROM ? records.parallelStream() : records.stream())
                .map(LogRecord::decode)
                .toList();
    }

    public DecodedRecord decode() {
        return EventCodec.decode(offset, value);
    }

    /** A copy of the value's bytes, or null for a record without a value. */
    public byte[] valueBytes() {
        if (value == null) {
            return null;
        }
        byte[] bytes = new byte[value.remaining()];
        value.get(value.position(), bytes);
        return bytes;
    }
}
