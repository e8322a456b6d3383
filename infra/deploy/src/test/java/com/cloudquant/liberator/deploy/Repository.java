package com.cloudquant.liberator.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests check: found from the module directory Maven runs them in. */
final class Repository {

    static final Path ROOT = locate();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath()
                + ": run the tests from the repository (mvn -pl infra/deploy verify)");
    }
}
