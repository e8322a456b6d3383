package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import java.util.List;

/**
 * One record of the token topic as Kafka delivered it, before any decoding.
 *
 * @param offset Kafka offset
 * @param value  the record value (an encoded envelope, or anything a stray producer wrote; may be null)
 */
public record LogRecord(long offset, byte[] value) {

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
}
