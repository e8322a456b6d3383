package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainBreak;
import java.util.List;

/**
 * Writes are refused: the log holds a record nobody trusted signed that no operator has
 * audited (see {@link AuditedSkips}). Reads go on; only a restart with the offset listed in
 * {@code liberator.kafka.skip-offsets} (after auditing it) ends the refusal.
 */
public final class TokenLogUnauditedException extends RuntimeException {

    TokenLogUnauditedException(ChainBreak first, List<Long> offsets) {
        super(describe(first, offsets));
    }

    static String describe(ChainBreak first, List<Long> offsets) {
        return "the token log holds a record that no trusted key signed at offset " + first.offset() + " ("
                + first.reason() + ": " + first.detail() + "; unaudited offsets " + offsets + "), so someone other than"
                + " this service wrote to the topic or a record was altered; this service refuses writes until an operator"
                + " has audited it (`liberator-audit verify` names the first such record; `kafka-console-consumer.sh --partition 0 --offset N --max-messages 1` shows one), taken write access to the topic"
                + " away from whoever wrote it, listed the offsets in liberator.kafka.skip-offsets and restarted it";
    }
}
