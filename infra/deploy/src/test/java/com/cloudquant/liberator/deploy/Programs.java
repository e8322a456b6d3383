package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real tools the checks run. A missing one fails the test (never skips it) and names the
 * Debian package that provides it: a check that silently does not run checks nothing.
 */
final class Programs {

    private Programs() {
    }

    /** The absolute path of {@code program} on the PATH (or in /usr/sbin, where Debian puts nginx). */
    static String require(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("`" + program + "` is not installed: apt-get install " + debianPackage
                + " (test.sh installs it for the suite)");
    }

    /** Runs {@code command} in {@code dir}; at most two minutes. */
    static Result run(Path dir, List<String> command) {
        return run(dir, command, environment -> { });
    }

    /** As {@link #run(Path, List)}, with the child's environment adjusted by {@code environment}. */
    static Result run(Path dir, List<String> command, Consumer<Map<String, String>> environment) {
        Path stdout = null;
        Path stderr = null;
        try {
            // files, not pipes: a hung program then cannot block a reader past the timeout
            stdout = Files.createTempFile("deploy-check", ".out");
            stderr = Files.createTempFile("deploy-check", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            environment.accept(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command.get(0));
        } finally {
            for (Path file : new Path[] {stdout, stderr}) {
                if (file != null) {
                    file.toFile().delete();
                }
            }
        }
    }

    record Result(int exitCode, String stdout, String stderr) {

        /** Both streams, for a failure message. */
        String output() {
            return stdout + stderr;
        }

        boolean succeeded() {
            return exitCode == 0;
        }
    }
}
