package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;

/**
 * One committed record, decoded, with the hash its content actually has (null when
 * malformed). Computed together so a batch can be prepared on several cores.
 */
record LogRecord(DecodedRecord decoded, String contentHash) {

    static LogRecord of(long offset, byte[] value) {
        DecodedRecord decoded = EventCodec.decode(offset, value);
        return new LogRecord(decoded, decoded.wellFormedEnvelope().map(AuditChain::hashOf).orElse(null));
    }
}
