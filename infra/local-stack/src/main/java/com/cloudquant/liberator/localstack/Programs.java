package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs the stack runs: Debian packages on the PATH and our own service jars.
 * A missing one is named with the command that provides it.
 */
final class Programs {

    private final Path repoRoot;

    Programs(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /** Fails with one message listing every missing Debian package. */
    void requireDebianPackages() {
        List<String> missing = new ArrayList<>();
        for (String[] programAndPackage : new String[][] {
                {"nginx", "nginx"}, {"prometheus", "prometheus"},
                {"prometheus-node-exporter", "prometheus-node-exporter"}, {"openssl", "openssl"}}) {
            if (find(programAndPackage[0]).isEmpty()) {
                missing.add(programAndPackage[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalStackException("missing programs; install them with: sudo apt-get install "
                    + String.join(" ", missing));
        }
    }

    String path(String program) {
        return find(program).orElseThrow(() -> new LocalStackException(program + " is not installed")).toString();
    }

    /** The JVM running this launcher runs the services too. */
    String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    Path tokenServiceJar() {
        return serviceJar("token-service");
    }

    Path gatewayJar() {
        return serviceJar("gateway");
    }

    private Path serviceJar(String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new LocalStackException("no " + module + " jar in " + target
                            + "; build it first with: mvn -B -ntp -DskipTests package"));
        } catch (IOException e) {
            throw new LocalStackException("no " + target + "; build first with: mvn -B -ntp -DskipTests package");
        } catch (UncheckedIOException e) {
            throw new LocalStackException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
