package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.source.KafkaRecordBatches;
import com.cloudquant.liberator.audit.source.RecordBatches;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the commands need from outside: a way to open the log and the clock that says
 * "now" for active/expired counts. Tests replace both.
 *
 * @param logs        opens the log described by the settings
 * @param clock       the current time
 * @param interactive whether the tool runs on a terminal (progress bar)
 * @param nanoTime    the monotonic clock the progress bar measures its pace with
 */
record AuditEnvironment(Function<TokenLogSettings, RecordBatches> logs, Clock clock, boolean interactive,
                        LongSupplier nanoTime) {

    AuditEnvironment(Function<TokenLogSettings, RecordBatches> logs, Clock clock, boolean interactive) {
        this(logs, clock, interactive, System::nanoTime);
    }

    static AuditEnvironment real() {
        return new AuditEnvironment(KafkaRecordBatches::open, Clock.systemUTC(), System.console() != null);
    }
}
