package com.cloudquant.liberator.audit.cli;

import java.lang.management.ManagementFactory;

/**
 * What a replay cost: wall time, and CPU time of the whole process (every verifying thread,
 * the Kafka client's too), which says more than wall time on a machine shared with other work.
 *
 * @param seconds    wall-clock seconds from opening the log to the verdict
 * @param cpuSeconds CPU seconds the process used meanwhile, -1 when the JVM cannot tell
 */
record ReplayCost(double seconds, double cpuSeconds) {

    static Start start() {
        return new Start(System.nanoTime(), processCpuNanos());
    }

    /** Records per wall-clock second. */
    double perSecond(long records) {
        return seconds <= 0 ? 0 : records / seconds;
    }

    record Start(long wallNanos, long cpuNanos) {
        ReplayCost stop() {
            long cpu = processCpuNanos();
            return new ReplayCost((System.nanoTime() - wallNanos) / 1e9, cpu < 0 || cpuNanos < 0 ? -1 : (cpu - cpuNanos) / 1e9);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
