package com.cloudquant.liberator.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One program run as a child of this JVM: its output (stdout and stderr) appended to a log file,
 * its readiness awaited with a {@link Readiness} probe, and ended together with every process it
 * started (a launcher script's JVM, nginx's workers), so nothing outlives it. Every failure names
 * the program, its log file and the last lines it wrote there.
 *
 * <pre>{@code
 * try (ChildProcess prometheus = new ChildProcess("prometheus", command, dir.resolve("prometheus.log")).start()) {
 *     prometheus.awaitReady(Readiness.httpOk(url + "/-/ready"), Duration.ofSeconds(60));
 *     prometheus.kill();   // a crash: SIGKILL to the whole tree
 * }
 * }</pre>
 *
 * A stopped or killed program may be started again; it appends to the same log, and
 * {@link #output()} and the failure messages show what it wrote since that start.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    /** How long {@link #close()} lets the program stop after SIGTERM before killing it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How long a SIGKILLed tree may take to be reaped; the kernel needs milliseconds. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long PROBE_INTERVAL_MS = 100;

    private final String name;
    private final List<String> command;
    private final ProcessLog log;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private volatile Process process;

    /** A program not started yet: {@code command} is the executable and its arguments. */
    public ChildProcess(String name, List<String> command, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = new ProcessLog(logFile);
    }

    /** Adds these variables to the inherited environment of every later start. */
    public synchronized ChildProcess environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** The working directory of every later start; this JVM's by default. */
    public synchronized ChildProcess directory(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    /** Starts the program; it must not be running. */
    public synchronized ChildProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running, pid " + process.pid());
        }
        try {
            log.markStart();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new ChildProcessException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        LOG.info("child started program={} pid={} log={}", name, process.pid(), log.file());
        return this;
    }

    /**
     * Returns once {@code probe} says the program serves. If it exits first, or is not ready
     * within {@code timeout} (then it is killed: nothing half-started stays behind), throws
     * naming the exit code or the timeout, the log and its last lines.
     */
    public ChildProcess awaitReady(Readiness probe, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (probe.isReady(this)) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (waitFor(Duration.ofMillis(PROBE_INTERVAL_MS))) { // returns at once if it dies meanwhile
                throw failure("exited with code " + process.exitValue() + " while starting");
            }
        }
        kill();
        throw failure("was not ready within " + timeout.toSeconds() + " s (waited for " + probe + "); killed it");
    }

    /** For a program that runs to its end: waits for it (killing it after {@code timeout}), returns its exit code. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            kill();
            throw failure("did not finish within " + timeout.toSeconds() + " s; killed it");
        }
        return process.exitValue();
    }

    /** {@link #awaitExit}, and throws naming the exit code and the output's last lines unless it is 0. */
    public void awaitSuccess(Duration timeout) {
        int code = awaitExit(timeout);
        if (code != 0) {
            throw failure("failed with exit code " + code);
        }
    }

    /**
     * Whether the program exited within {@code timeout}; it keeps running if not. An interrupt
     * kills it (and throws): the caller is going away.
     */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ChildProcessException("interrupted while waiting for " + name + "; killed it", e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return log.file();
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What the program wrote (stdout and stderr) since its last start. */
    public String output() {
        return log.sinceStart();
    }

    /** The last lines of {@link #output()}, for error messages. */
    public String tail() {
        return log.tail();
    }

    /** A crash: SIGKILL to the program and every process it started; returns once they are gone. */
    public synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        ProcessTree tree = ProcessTree.of(process);
        tree.kill();
        if (!tree.awaitGone(KILL_WAIT)) {
            LOG.warn("child survived SIGKILL program={} pid={} waitedMs={}", name, process.pid(), KILL_WAIT.toMillis());
        }
        LOG.info("child killed program={} pid={} exitCode={}", name, process.pid(),
                process.isAlive() ? "still-alive" : process.exitValue());
    }

    /**
     * Stops the program and what it started: SIGTERM, and SIGKILL if they have not all exited
     * within 10 s. Does nothing when it is not running, so it may be called any number of times.
     */
    @Override
    public synchronized void close() {
        if (!isAlive()) {
            return;
        }
        ProcessTree tree = ProcessTree.of(process);
        tree.terminate();
        if (tree.awaitGone(STOP_GRACE)) {
            LOG.info("child stopped program={} pid={} exitCode={}", name, process.pid(), process.exitValue());
            return;
        }
        LOG.warn("child did not stop within {} s program={} pid={}; killing it", STOP_GRACE.toSeconds(), name,
                process.pid());
        kill();
    }

    @Override
    public String toString() {
        return name + (process == null ? "" : " (pid " + process.pid() + ")");
    }

    private ChildProcessException failure(String what) {
        return new ChildProcessException(name + " (" + command.get(0) + ") " + what + "; last lines of "
                + log.file() + ":\n" + tail(), null);
    }
}
