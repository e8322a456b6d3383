package com.cloudquant.liberator.bench.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the shipped jar as an auditor would, under /usr/bin/time for its peak memory. */
final class JarRunner {

    private static final Pattern MAX_RSS = Pattern.compile("maxrss_kb=(\\d+)");
    private static final Pattern CPU = Pattern.compile("cpu_s=([0-9.]+)\\+([0-9.]+)");
    private static final Pattern VERIFIED = Pattern.compile("\"verifiedRecords\"\\s*:\\s*(\\d+)");

    private final Path jar;
    private final List<String> javaOptions;

    JarRunner(Path jar, List<String> javaOptions) {
        this.jar = jar;
        this.javaOptions = javaOptions;
    }

    List<String> command(String bootstrapServers, String topic, Path publicKey, List<String> options) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss_kb=%M cpu_s=%U+%S", "java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "verify", "--bootstrap-servers", bootstrapServers,
                "--topic", topic, "--public-key", publicKey.toString(), "--json", "--no-progress"));
        command.addAll(options);
        return command;
    }

    VerifyRun verify(String bootstrapServers, String topic, Path publicKey, List<String> options)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("audit-out", ".json");
        Path err = Files.createTempFile("audit-err", ".txt");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command(bootstrapServers, topic, publicKey, options))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // If the benchmark is stopped, stop the tool too rather than leave it running.
            Thread stopTool = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(stopTool);
            int exitCode = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopTool);
            double seconds = (System.nanoTime() - start) / 1e9;
            String stderr = Files.readString(err);
            Matcher cpu = CPU.matcher(stderr);
            double cpuSeconds = cpu.find() ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : -1;
            return new VerifyRun(seconds, cpuSeconds, find(MAX_RSS, stderr) / 1024, exitCode,
                    find(VERIFIED, Files.readString(out)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static long find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
