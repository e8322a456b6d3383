package com.cloudquant.liberator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs (bash, sleep) under the supervisor: readiness, failures, and that a kill leaves nothing running. */
class ChildProcessTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final Pattern GRANDCHILD = Pattern.compile("grandchild=(\\d+)");

    @TempDir
    Path dir;

    private ChildProcess bash(String name, String script) {
        return new ChildProcess(name, List.of("bash", "-c", script), dir.resolve(name + ".log"));
    }

    @Test
    void aProgramIsReadyOnceItPrintsTheAwaitedLineAndItsOutputGoesToItsLog() throws IOException {
        try (ChildProcess child = bash("printer", "echo warming up; sleep 0.3; echo listening now; exec sleep 300")
                .start()) {
            child.awaitReady(Readiness.logLine("listening now"), GENEROUS);

            assertThat(child.isAlive()).isTrue();
            assertThat(child.output()).isEqualTo("warming up\nlistening now\n");
            assertThat(Files.readString(dir.resolve("printer.log"))).isEqualTo("warming up\nlistening now\n");
        }
    }

    @Test
    void aProgramThatExitsWhileStartingFailsAtOnceNamingItsExitCodeLogAndLastLines() {
        ChildProcess child = bash("broken", "echo reading config; echo 'port 1 is privileged' >&2; exit 3").start();
        long started = System.nanoTime();

        assertThatThrownBy(() -> child.awaitReady(Readiness.tcpPort(FreePort.pick()), Duration.ofSeconds(60)))
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("broken (bash) exited with code 3 while starting")
                .hasMessageContaining(dir.resolve("broken.log").toString())
                .hasMessageEndingWith("reading config\nport 1 is privileged");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aProgramNotReadyInTimeIsKilledAndTheErrorSaysWhatWasAwaited() {
        int port = FreePort.pick();
        ChildProcess child = bash("silent", "echo started; exec sleep 300").start();

        assertThatThrownBy(() -> child.awaitReady(Readiness.tcpPort(port), Duration.ofSeconds(1)))
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("silent (bash) was not ready within 1 s (waited for a connection to 127.0.0.1:"
                        + port + "); killed it")
                .hasMessageEndingWith("started");
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void killEndsTheWholeTreeAProcessStartedByTheChildToo() {
        ChildProcess child = bash("parent", "sleep 300 & echo grandchild=$!; wait").start();
        long grandchild = grandchildOf(child);
        assertThat(alive(grandchild)).isTrue();

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(alive(grandchild)).as("the child's own child, pid %d", grandchild).isFalse();
    }

    @Test
    void closeEndsTheTreeCanBeRepeatedAndAStoppedProgramStartsAgainWithAFreshOutput() {
        ChildProcess child = bash("service", "sleep 300 & echo grandchild=$!; wait");
        child.start();
        long first = grandchildOf(child);

        child.close();
        child.close(); // nothing left to stop: a no-op, not an error

        assertThat(child.isAlive()).isFalse();
        assertThat(alive(first)).isFalse();
        child.start();
        long second = grandchildOf(child);
        assertThat(child.output()).isEqualTo("grandchild=" + second + "\n");
        child.close();
        assertThat(alive(second)).isFalse();
    }

    @Test
    void aProgramRunToItsEndGetsTheEnvironmentAndWorkingDirectoryAndAFailureNamesItsCode() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        ChildProcess greeter = bash("greeter", "echo \"$GREETING from $(pwd)\"")
                .environment(Map.of("GREETING", "hello")).directory(work).start();
        greeter.awaitSuccess(GENEROUS);
        assertThat(greeter.output()).isEqualTo("hello from " + work.toRealPath() + "\n");

        ChildProcess failing = bash("backfill", "echo 'line 7: bad sample' >&2; exit 3").start();
        assertThatThrownBy(() -> failing.awaitSuccess(GENEROUS))
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("backfill (bash) failed with exit code 3")
                .hasMessageEndingWith("line 7: bad sample");
    }

    @Test
    void anHttpProbeWaitsForA200() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(requests.incrementAndGet() < 3 ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        try (ChildProcess child = bash("waiter", "exec sleep 300").start()) {
            child.awaitReady(Readiness.httpOk("http://127.0.0.1:" + server.getAddress().getPort() + "/ready"), GENEROUS);
            assertThat(requests).hasValue(3);
        } finally {
            server.stop(0);
        }
    }

    private static long grandchildOf(ChildProcess child) {
        child.awaitReady(Readiness.logLine("grandchild="), GENEROUS);
        Matcher m = GRANDCHILD.matcher(child.output());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

}
