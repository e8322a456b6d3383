package com.cloudquant.liberator.bench.scale;

import java.nio.file.Path;
import java.util.List;

/**
 * One start of a service JVM on a log of {@code events} events. Times are seconds from the
 * process start; -1 where the moment never came.
 *
 * @param service          "gateway" or "token-service"
 * @param events           length of the log it rebuilt from
 * @param run              1-based run number for this service, size and heap
 * @param heap             its -Xmx
 * @param outcome          how the start ended
 * @param readySeconds     until its readiness answered 200 (gateway /health/readiness, token-service /health)
 * @param completeSeconds  until it reported every active token of the log (the token-service's listing is
 *                         built by an Axon processor after /health is UP; the gateway's is complete when ready)
 * @param endSeconds       until the outcome was seen (OutOfMemoryError in its output, exit, time-out, complete)
 * @param exitedSeconds    until the process exited by itself
 * @param cpuSeconds       user + system CPU of the process at the end (before the measuring GC)
 * @param gc               its garbage collections until then (jstat), or null
 * @param peakRssKib       VmHWM just before it was stopped (or the last sample while it ran)
 * @param heapAfterGcBytes heap in use after {@code jcmd GC.run}, -1 when not measurable (the process had exited)
 * @param tokens           active tokens it reported last (gateway: liberator_gateway_projection_tokens;
 *                         token-service: liberator_tokens_active), -1 if none
 * @param headSeq          the token-service's chain head from /health, -1 for the gateway
 * @param loadBefore       /proc/loadavg before the start
 * @param loadAfter        /proc/loadavg after it was stopped
 * @param lastLines        the last lines of its output
 * @param log              where its whole output is
 * @param cpuByThread      CPU seconds of the benchmark's own JVM (the broker) during the start, then of the
 *                         service's threads by name at the end (before the measuring GC), largest first
 */
record ServiceRun(String service, long events, int run, String heap, Outcome outcome, double readySeconds,
                  double completeSeconds, double endSeconds, double exitedSeconds, double cpuSeconds,
                  JvmProbe.Gc gc, long peakRssKib, long heapAfterGcBytes, long tokens, long headSeq,
                  String loadBefore, String loadAfter, List<String> lastLines, Path log,
                  java.util.Map<String, Double> cpuByThread) {

    enum Outcome {
        /** Ready, with every active token of the log. */
        COMPLETE("ready"),
        /** Ready, but not every token listed within the time-out. */
        INCOMPLETE("ready, tokens incomplete"),
        OUT_OF_MEMORY("OutOfMemoryError"),
        EXITED("exited"),
        TIMED_OUT("not ready in time");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    double peakRssMib() {
        return peakRssKib < 0 ? -1 : peakRssKib / 1024.0;
    }

    double heapAfterGcMib() {
        return heapAfterGcBytes < 0 ? -1 : heapAfterGcBytes / 1048576.0;
    }
}
