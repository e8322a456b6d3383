package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./run.sh and ./test.sh ask for programs, not for Debian. Each case runs a copy of the real
 * scripts under bash with a PATH that holds only fake programs, which write down how they were
 * called (and the two coreutils the scripts use), so the machine's own apt-get, dpkg and sudo are
 * out of sight. The copy's ./mvnw is a fake too: nothing is built.
 */
class LaunchScriptsTest {

    private static final Path REPO = Path.of(System.getProperty("liberator.repo.root", "../.."));
    private static final List<String> RUN_SH_PROGRAMS = List.of("java", "javac", "curl", "nginx",
            "prometheus", "prometheus-node-exporter", "openssl");

    @TempDir
    Path tmp;
    private Path bin;
    private Path repo;
    private Path calls;

    record Outcome(int exitCode, String stderr, String calls) {}

    @BeforeEach
    void copyScriptsWithFakeMaven() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        repo = Files.createDirectories(tmp.resolve("repo"));
        calls = tmp.resolve("calls");
        Files.createDirectories(repo.resolve("infra/scripts"));
        for (String script : List.of("run.sh", "test.sh", "infra/scripts/programs.sh")) {
            Files.copy(REPO.resolve(script), repo.resolve(script));
        }
        fake(repo.resolve("mvnw"), "/bin/mkdir -p infra/local-stack/target && : > infra/local-stack/target/classpath.txt");
        for (String coreutil : List.of("dirname", "cat")) {
            Files.createSymbolicLink(bin.resolve(coreutil), Path.of("/usr/bin", coreutil));
        }
    }

    @Test
    void runShGoesOnToBuildAndStartWhenEveryProgramIsOnThePathOfAHostWithoutApt() throws Exception {
        fakes(RUN_SH_PROGRAMS);
        Outcome outcome = run("run.sh", "--help");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.calls().lines()).hasSize(2);
        assertThat(outcome.calls().lines().findFirst().orElseThrow())
                .startsWith("mvnw -B -ntp -q").contains("-DskipTests package").doesNotContain("bench");
        assertThat(outcome.calls()).contains("java -Xmx512m -cp infra/local-stack/target/classes:"
                + " com.cloudquant.liberator.localstack.LocalStackCommand --help");
    }

    @Test
    void testShRunsTheSuiteWhenEveryProgramIsOnThePathOfAHostWithoutApt() throws Exception {
        fakes(List.of("java", "javac", "curl", "prometheus", "promtool", "prometheus-node-exporter", "nginx",
                "openssl", "docker-compose", "chromium", "chromedriver"));
        Outcome outcome = run("test.sh", "-pl", "gateway", "-am");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.calls()).isEqualTo("mvnw -B -ntp verify -pl gateway -am\n");
    }

    @Test
    void withoutAptEveryMissingProgramIsNamedWithItsPackageAndNothingRuns() throws Exception {
        fakes(List.of("java", "javac", "curl", "nginx", "prometheus-node-exporter", "prometheus", "promtool",
                "openssl", "docker-compose"));
        Outcome outcome = run("test.sh");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr()).contains("test.sh: missing programs: chromium chromedriver\n")
                .contains("there is no apt-get here")
                .contains("packages that bring them: chromium chromium-driver)\n");
        assertThat(outcome.calls()).isEmpty();
    }

    @Test
    void asRootWithAptTheMissingPackagesAreInstalledAndTheScriptGoesOn() throws Exception {
        fakes(List.of("java", "javac", "curl", "nginx", "prometheus-node-exporter"));
        script(bin.resolve("id"), "echo 0");
        fakeAptGetThatInstalls();
        Outcome outcome = run("run.sh");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr()).contains("run.sh: missing programs: prometheus openssl; installing prometheus openssl");
        assertThat(outcome.calls().lines()).containsSubsequence(
                "apt-get update -qq DEBIAN_FRONTEND=noninteractive",
                "apt-get install -y -qq prometheus openssl DEBIAN_FRONTEND=noninteractive");
        assertThat(outcome.calls().lines().filter(line -> line.startsWith("mvnw ") || line.startsWith("java ")))
                .hasSize(2);
    }

    @Test
    void notRootAndNoSudoTheInstallCommandIsNamedAndNothingIsInstalled() throws Exception {
        fakes(List.of("java", "javac", "curl", "nginx", "prometheus-node-exporter", "openssl"));
        script(bin.resolve("id"), "echo 1000");
        fakeAptGetThatInstalls();
        Outcome outcome = run("run.sh");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr()).contains("run.sh: missing programs: prometheus\n")
                .contains("run.sh: install them with: sudo apt-get install prometheus\n");
        assertThat(outcome.calls()).isEmpty();
    }

    @Test
    void aPackageThatDoesNotBringItsProgramStopsTheScript() throws Exception {
        fakes(List.of("java", "javac", "curl", "nginx", "prometheus-node-exporter", "openssl"));
        script(bin.resolve("id"), "echo 0");
        fake(bin.resolve("apt-get"), "");
        Outcome outcome = run("run.sh");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr()).contains("run.sh: still missing after apt-get install prometheus: prometheus");
        assertThat(outcome.calls()).doesNotContain("mvnw").doesNotContain("java ");
    }

    /** apt-get that writes down its call and, on install, puts a fake program named like each package. */
    private void fakeAptGetThatInstalls() throws IOException {
        fake(bin.resolve("apt-get"), """
                if [[ $1 == install ]]; then
                  for p in "$@"; do
                    [[ $p == install || $p == -* ]] && continue
                    printf '#!/bin/bash\\necho "%s $*" >> CALLS\\n' "$p" > BIN/"$p"
                    /bin/chmod +x BIN/"$p"
                  done
                fi""".replace("CALLS", calls.toString()).replace("BIN", bin.toString()));
    }

    private void fakes(List<String> programs) throws IOException {
        for (String program : programs) {
            fake(bin.resolve(program), "");
        }
    }

    /** A program that appends "name arguments" (and DEBIAN_FRONTEND, when set) to the calls file, then runs {@code body}. */
    private void fake(Path file, String body) throws IOException {
        script(file, "echo \"" + file.getFileName() + " $*${DEBIAN_FRONTEND:+ DEBIAN_FRONTEND=$DEBIAN_FRONTEND}\" >> "
                + calls + "\n" + body);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Outcome run(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", repo.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", tmp.toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(script + " ended").isTrue();
        String callsMade = Files.exists(calls) ? Files.readString(calls, StandardCharsets.UTF_8) : "";
        return new Outcome(process.exitValue(), Files.readString(tmp.resolve("stderr")), callsMade);
    }
}
