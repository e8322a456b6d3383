package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.config.AuditSettings;
import com.cloudquant.liberator.tokenservice.eventstore.AuditLog;
import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The log itself, for auditors: streamed NDJSON and a chain check. */
@Controller("/api/v1/audit")
@Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
class AuditController {

    private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
    private static final String SIGNATURES = "one per run";

    private final AuditLog auditLog;
    private final AuditSettings settings;
    private final CallerRateLimit verifyLimit;

    AuditController(AuditLog auditLog, AuditSettings settings) {
        this.auditLog = auditLog;
        this.settings = settings;
        this.verifyLimit = new CallerRateLimit(settings.verifyBurst(), settings.verifyInterval(), System::nanoTime);
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

    /**
     * The chain check: cached per log end, one signature per run, and at most
     * {@code liberator.audit.verify-burst} in a row per caller (then one per
     * {@code liberator.audit.verify-interval}), so no reader can make the service re-verify the log at will.
     */
    @Get("/verify")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> verify(Authentication caller) {
        Optional<Duration> wait = verifyLimit.take(caller.getName());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toNanos() + 999_999_999L) / 1_000_000_000L); // rounded up
            LOG.warn("decision=audit-verify-throttled user={} retry_after_s={}", Printable.value(caller.getName()), seconds);
            return Problem.response(HttpStatus.TOO_MANY_REQUESTS, "at most " + settings.verifyBurst()
                    + " chain checks in a row per user, then one every " + settings.verifyInterval()
                    + " (liberator.audit.verify-burst, liberator.audit.verify-interval): retry in " + seconds + " s")
                    .header("Retry-After", String.valueOf(seconds));
        }
        AuditLog.Verified result = auditLog.verify();
        ChainBreak broken = result.firstBreak().orElse(null);
        return HttpResponse.ok(new VerifyResponse(result.intact(), result.verifiedRecords(), result.head().seq(),
                result.head().hash(), broken == null ? null : new BreakView(broken.offset(), broken.reason().name(), broken.detail()),
                SIGNATURES, result.checkedAt().toString(), result.cached(), result.recordsRead()));
    }

    /**
     * The check's answer; {@code signatures} says how many were checked ("one per run": every
     * hash and link, and one Ed25519 signature per run of linked records), {@code checkedAt} when
     * the check ran, {@code cached} whether nothing was committed since (so nothing was read),
     * {@code recordsRead} how many records this answer read (only those committed since the last check).
     */
    @Serdeable
    record VerifyResponse(boolean intact, long verifiedRecords, long headSeq, String headHash, @Nullable BreakView firstBreak,
                          String signatures, String checkedAt, boolean cached, long recordsRead) {
    }

    @Serdeable
    record BreakView(long offset, String reason, String detail) {
    }
}
