package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as docker-compose itself resolves it: `docker-compose config` with
 * .env.example as the env file, so anchors are merged, ${...} filled in and bind-mount sources
 * made absolute. The checks then look at what Compose would really run, not at the YAML text.
 */
final class ComposeModel {

    static final Path COMPOSE_FILE = Repository.path("docker-compose.yml");
    static final Path ENV_EXAMPLE = Repository.path(".env.example");

    private final Map<String, Object> model;

    private ComposeModel(Map<String, Object> model) {
        this.model = model;
    }

    /**
     * Runs {@code docker-compose config} (Debian's docker-compose) with a copy of .env.example as
     * the env file in {@code scratch}. The variables the file reads are removed from the child's
     * environment, so the developer's own shell (or .env) cannot make the check pass or fail.
     */
    static Programs.Result config(Path scratch, String... options) {
        String compose = Programs.require("docker-compose", "docker-compose");
        Path envFile = scratch.resolve(".env");
        try {
            Files.copy(ENV_EXAMPLE, envFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(compose, "--file", COMPOSE_FILE.toString(),
                "--project-directory", Repository.ROOT.toString(), "--env-file", envFile.toString(), "config"));
        command.addAll(List.of(options));
        return Programs.run(scratch, command, environment -> environment.keySet().removeIf(name ->
                name.startsWith("LIBERATOR_") || name.startsWith("GRAFANA_") || name.startsWith("PROMETHEUS_")
                        || name.startsWith("KAFKA_") || name.startsWith("COMPOSE_")));
    }

    static ComposeModel load(Path scratch) {
        Programs.Result result = config(scratch);
        assertThat(result.succeeded()).as("docker-compose config:\n%s", result.output()).isTrue();
        return new ComposeModel(new Yaml().load(result.stdout()));
    }

    Map<String, Object> services() {
        return map(model.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service %s in docker-compose.yml", name).isNotEmpty();
        return service;
    }

    Map<String, Object> volumes() {
        return map(model.get("volumes"));
    }

    /** The service's environment; values as strings. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    /** The service's volumes in short syntax: {@code source:target[:mode]}. */
    List<String> mounts(String service) {
        return strings(service(service).get("volumes"));
    }

    /**
     * The service's published ports as {@code [host_ip:]published:target}, whichever of its
     * short or long forms `docker-compose config` printed.
     */
    List<String> ports(String service) {
        Object ports = service(service).get("ports");
        if (!(ports instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(port -> {
            if (port instanceof Map<?, ?> spec) {
                Object hostIp = spec.get("host_ip");
                return (hostIp == null ? "" : hostIp + ":") + spec.get("published") + ":" + spec.get("target");
            }
            return String.valueOf(port).replaceFirst("/tcp$", "");
        }).toList();
    }

    List<String> command(String service) {
        return strings(service(service).get("command"));
    }

    /** The build argument MODULE: the Maven module (and docs page) of one of our services. */
    Optional<String> module(String service) {
        Object args = map(service(service).get("build")).get("args");
        return Optional.ofNullable(map(args).get("MODULE")).map(String::valueOf);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
