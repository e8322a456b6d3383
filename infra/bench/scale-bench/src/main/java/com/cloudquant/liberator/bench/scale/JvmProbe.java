package com.cloudquant.liberator.bench.scale;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.ChildProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux and the JDK's tools say about a running JVM: peak RSS, CPU time, heap after a full GC. */
final class JvmProbe {

    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    /** Serial GC's {@code GC.heap_info}: "def new generation total 78656K, used 1234K", "tenured generation …". */
    private static final Pattern GENERATION = Pattern.compile("generation\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private JvmProbe() {
    }

    /** Peak resident set (VmHWM) in KiB, or -1 once the process is gone. */
    static long peakRssKib(long pid) {
        try {
            Matcher m = HWM.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** User + system CPU seconds of the process so far, or -1 once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** User + system CPU seconds in a {@code /proc/…/stat} line, of a process or of one of its threads. */
    private static double cpuSecondsOf(String stat) {
        // fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /**
     * User + system CPU seconds of the process's threads so far, summed by thread name (as the
     * kernel keeps it: its first 15 characters) with its numbering dropped ("C2 CompilerThread0"
     * and "…1" are one "C2 CompilerThread"), largest first; empty once it is gone. Threads that
     * already ended are not counted.
     */
    static java.util.LinkedHashMap<String, Double> cpuSecondsByThread(long pid) {
        java.util.Map<String, Double> byName = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#\\s]*\\d+$", "");
                    byName.merge(name, cpuSecondsOf(stat), Double::sum);
                } catch (IOException | RuntimeException threadGone) {
                    // it ended while we looked
                }
            }
        } catch (IOException | RuntimeException gone) {
            return new java.util.LinkedHashMap<>();
        }
        java.util.LinkedHashMap<String, Double> sorted = new java.util.LinkedHashMap<>();
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Collections so far, from {@code jstat -gc}.
     *
     * @param young     young collections
     * @param full      full collections
     * @param seconds   time in all collections
     */
    record Gc(long young, long full, double seconds) {
    }

    /** The process's collections so far ({@code jstat -gc}), or null if it does not answer. */
    static Gc gc(long pid) {
        String out = run(List.of(tool("jstat"), "-gc", Long.toString(pid)));
        if (out == null) {
            return null;
        }
        String[] lines = out.strip().split("\n");
        if (lines.length < 2) {
            return null;
        }
        List<String> names = List.of(lines[lines.length - 2].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        try {
            return new Gc(Long.parseLong(values[names.indexOf("YGC")]), Long.parseLong(values[names.indexOf("FGC")]),
                    Double.parseDouble(values[names.indexOf("GCT")]));
        } catch (RuntimeException unexpectedFormat) {
            return null;
        }
    }

    /**
     * Runs a full GC in the process ({@code jcmd GC.run}), then reads the heap in use
     * ({@code jcmd GC.heap_info}, young + old generation); -1 if the JVM does not answer.
     */
    static long heapAfterFullGcBytes(long pid) {
        if (jcmd(pid, "GC.run") == null) {
            return -1;
        }
        String info = jcmd(pid, "GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher m = GENERATION.matcher(info);
        long usedKib = 0;
        boolean found = false;
        while (m.find()) {
            usedKib += Long.parseLong(m.group(2));
            found = true;
        }
        return found ? usedKib * 1024 : -1;
    }

    private static String jcmd(long pid, String command) {
        return run(List.of(tool("jcmd"), Long.toString(pid), command));
    }

    private static String tool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    /** The output of a JDK tool, or null if it failed or took longer than a minute. */
    private static String run(List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("jdk-tool", ".txt");
            ChildProcess tool = new ChildProcess(command.get(0), command, out).start();
            return tool.awaitExit(TOOL_TIMEOUT) == 0 ? tool.output() : null;
        } catch (IOException | ChildProcessException e) {
            return null;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
