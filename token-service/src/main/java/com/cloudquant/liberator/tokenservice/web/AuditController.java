package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.eventstore.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The log itself, for auditors: streamed NDJSON and a chain check. */
@Controller("/api/v1/audit")
@Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Each line is one record value exactly as it is in Kafka (see docs/event-schema.md). */
    @Get("/events")
    @Produces("application/x-ndjson")
    @ExecuteOn(TaskExecutors.BLOCKING)
    Publisher<byte[]> events(@QueryValue @Nullable Long fromSeq) {
        long from = fromSeq == null ? 1 : fromSeq;
        if (from < 1) {
            throw new InvalidTokenRequestException("fromSeq", "fromSeq counts from 1 (the first event): use ?fromSeq=1 or more");
        }
        // opened here, not lazily: Kafka being down must still answer 503, before the stream starts
        AuditLog.RecordValues opened = auditLog.from(from);
        return Flux.<byte[], AuditLog.RecordValues>generate(() -> opened, (cursor, sink) -> {
            byte[] value = cursor.next();
            if (value == null) {
                sink.complete();
            } else {
                byte[] line = java.util.Arrays.copyOf(value, value.length + 1);
                line[value.length] = '\n';
                sink.next(line);
            }
            return cursor;
        }, AuditLog.RecordValues::close).subscribeOn(Schedulers.boundedElastic());
    }

    @Get("/verify")
    @ExecuteOn(TaskExecutors.BLOCKING)
    VerifyResponse verify() {
        AuditChain.Verification result = auditLog.verify();
        ChainBreak broken = result.firstBreak().orElse(null);
        return new VerifyResponse(result.intact(), result.verifiedRecords(), result.head().seq(), result.head().hash(),
                broken == null ? null : new BreakView(broken.offset(), broken.reason().name(), broken.detail()));
    }

    @Serdeable
    record VerifyResponse(boolean intact, long verifiedRecords, long headSeq, String headHash, @Nullable BreakView firstBreak) {
    }

    @Serdeable
    record BreakView(long offset, String reason, String detail) {
    }
}
