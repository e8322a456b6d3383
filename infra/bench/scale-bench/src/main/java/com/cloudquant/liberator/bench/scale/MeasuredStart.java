package com.cloudquant.liberator.bench.scale;

import com.cloudquant.liberator.process.ChildProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts a service JVM, polls its readiness every 100 ms and watches its output for an
 * OutOfMemoryError; once ready, polls what it reports until it holds every active token of the
 * log; then measures the process (CPU, collections, heap after a full GC, peak RSS) and stops it.
 */
final class MeasuredStart {

    private static final long POLL_MILLIS = 100;
    private static final String OOM = "OutOfMemoryError";
    /** After an OutOfMemoryError, how long to wait for the JVM to exit by itself before measuring it. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int LAST_LINES = 12;

    private final Http http = new Http();

    ServiceRun run(String service, long events, int run, String heap, Launch launch, long expectedTokens,
                   Duration timeout, Path log) throws IOException, InterruptedException {
        String loadBefore = loadAverage();
        Files.deleteIfExists(log); // the output watch reads the log from its start: this run's output only
        ChildProcess process = new ChildProcess(service, launch.command(), log).environment(launch.environment());
        long start = System.nanoTime();
        process.start();
        // if the benchmark is stopped, stop the service too rather than leave it running
        long ownCpuBefore = ownCpuNanos();
        Thread stopService = new Thread(process::kill);
        Runtime.getRuntime().addShutdownHook(stopService);
        try {
            long pid = process.pid();
            OutputWatch output = new OutputWatch(log);
            long deadline = start + timeout.toNanos();
            long peakRss = -1;
            double cpu = -1;
            double ready = -1;
            double complete = -1;
            Launch.Counts counts = Launch.Counts.NONE;
            ServiceRun.Outcome outcome;
            while (true) {
                long sample = JvmProbe.peakRssKib(pid);
                peakRss = Math.max(peakRss, sample);
                cpu = Math.max(cpu, JvmProbe.cpuSeconds(pid));
                if (output.contains(OOM)) {
                    outcome = ServiceRun.Outcome.OUT_OF_MEMORY;
                    break;
                }
                if (!process.isAlive()) {
                    outcome = output.contains(OOM) ? ServiceRun.Outcome.OUT_OF_MEMORY : ServiceRun.Outcome.EXITED;
                    break;
                }
                if (ready < 0 && http.status(launch.readiness()) == 200) {
                    ready = seconds(start);
                }
                if (ready >= 0) {
                    counts = launch.counts().apply(http);
                    if (counts.tokens() >= expectedTokens) {
                        complete = seconds(start);
                        outcome = ServiceRun.Outcome.COMPLETE;
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    outcome = ready < 0 ? ServiceRun.Outcome.TIMED_OUT : ServiceRun.Outcome.INCOMPLETE;
                    break;
                }
                Thread.sleep(POLL_MILLIS); // pacing of the probe of a child process, not a wait for a condition
            }
            double end = seconds(start);
            if (outcome == ServiceRun.Outcome.OUT_OF_MEMORY) {
                process.waitFor(EXIT_GRACE);
            }
            double exited = process.isAlive() ? -1 : seconds(start);
            JvmProbe.Gc gc = null;
            long heapAfterGc = -1;
            java.util.Map<String, Double> cpuByThread = new java.util.LinkedHashMap<>();
            if (process.isAlive()) {
                // the broker shares the cores: what this JVM (broker and benchmark) spent meanwhile
                cpuByThread.put("(benchmark JVM with the broker)", (ownCpuNanos() - ownCpuBefore) / 1e9);
                cpuByThread.putAll(JvmProbe.cpuSecondsByThread(pid));
                cpu = Math.max(cpu, JvmProbe.cpuSeconds(pid));
                gc = JvmProbe.gc(pid);
                heapAfterGc = JvmProbe.heapAfterFullGcBytes(pid);
                peakRss = Math.max(peakRss, JvmProbe.peakRssKib(pid));
            }
            process.close();
            return new ServiceRun(service, events, run, heap, outcome, ready, complete, end, exited, cpu, gc,
                    peakRss, heapAfterGc, counts.tokens(), counts.headSeq(), loadBefore, loadAverage(),
                    lastLines(process), log, cpuByThread);
        } finally {
            process.kill();
            Runtime.getRuntime().removeShutdownHook(stopService);
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lastLines(ChildProcess process) {
        List<String> lines = process.tail().lines().filter(line -> !line.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
    }

    /** Reads what the process wrote since the last look, so a long log is scanned once. */
    private static final class OutputWatch {

        private final Path log;
        private long position;
        private String carry = "";
        private boolean seen;

        OutputWatch(Path log) {
            this.log = log;
        }

        boolean contains(String text) throws IOException {
            if (seen) {
                return true;
            }
            long size = Files.size(log);
            if (size <= position) {
                return false;
            }
            byte[] fresh = new byte[(int) Math.min(size - position, 8 << 20)];
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(position);
                file.readFully(fresh);
            }
            position += fresh.length;
            String chunk = carry + new String(fresh, StandardCharsets.ISO_8859_1);
            seen = chunk.contains(text);
            carry = chunk.substring(Math.max(0, chunk.length() - text.length()));
            return seen;
        }
    }
}
