package com.cloudquant.liberator.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code liberator-audit} launcher picks the throughput collector unless JAVA_OPTS names
 * one (two collectors on one command line would stop the JVM from starting). A stand-in
 * {@code java} on the PATH prints the arguments the launcher gives it.
 */
class LauncherScriptTest {

    @TempDir
    Path dir;

    @Test
    void usesTheThroughputCollectorByDefault() throws Exception {
        assertThat(javaArguments("-Xmx512m")).startsWith("-XX:+UseParallelGC -Xmx512m -jar ").endsWith(" --version");
        assertThat(javaArguments(null)).startsWith("-XX:+UseParallelGC -jar ");
    }

    @Test
    void collectorChosenInJavaOptsWins() throws Exception {
        assertThat(javaArguments("-Xmx1g -XX:+UseG1GC")).startsWith("-Xmx1g -XX:+UseG1GC -jar ")
                .doesNotContain("Parallel");
    }

    private String javaArguments(String javaOpts) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path jar = Files.writeString(dir.resolve("tool.jar"), "not used");
        ProcessBuilder launcher = new ProcessBuilder("bash", Path.of("liberator-audit").toAbsolutePath().toString(),
                "--version").redirectErrorStream(true);
        launcher.environment().put("PATH", bin + ":/usr/bin:/bin");
        launcher.environment().put("LIBERATOR_AUDIT_JAR", jar.toString());
        launcher.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            launcher.environment().put("JAVA_OPTS", javaOpts);
        }
        Process process = launcher.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
