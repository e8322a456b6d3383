package com.cloudquant.liberator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration keys our services know, from what the build generated and shipped, never
 * from their Java sources:
 * <ul>
 * <li>Micronaut's configuration metadata ({@code META-INF/spring-configuration-metadata.json}
 * in the service's {@code target/classes}), written by its annotation processor for every
 * {@code @ConfigurationProperties} property, with its type;</li>
 * <li>the service's {@code application.yml} as the build shipped it: keys read with
 * {@code @Property} or {@code @Value} (not in the metadata) are declared there with their
 * default, as are the Micronaut keys the service sets.</li>
 * </ul>
 * A key below a {@code java.util.Map} property ({@code liberator.kafka.properties.sasl.mechanism})
 * is that map's entry, so it is known when the map is. The docs check (every key the docs name)
 * and the compose check (every key docker-compose.yml gives a service) both ask this one class.
 *
 * @param services the services whose keys these are, named in failure messages
 * @param keys     dotted, kebab-case keys such as {@code liberator.kafka.bootstrap-servers}
 * @param maps     the keys whose type is a map
 */
public record ServiceConfigurationKeys(List<String> services, Set<String> keys, Set<String> maps) {

    /** Our services, by Maven module (and docs page) name. */
    public static final List<String> SERVICES = List.of("token-service", "gateway");

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    public ServiceConfigurationKeys {
        services = List.copyOf(services);
        keys = Set.copyOf(keys);
        maps = Set.copyOf(maps);
    }

    /** The keys every one of {@link #SERVICES} knows, together. */
    public static ServiceConfigurationKeys all(Path repositoryRoot) {
        Set<String> keys = new TreeSet<>();
        Set<String> maps = new TreeSet<>();
        for (String service : SERVICES) {
            ServiceConfigurationKeys one = of(repositoryRoot, service);
            keys.addAll(one.keys());
            maps.addAll(one.maps());
        }
        return new ServiceConfigurationKeys(SERVICES, keys, maps);
    }

    /**
     * The keys {@code service} knows, read from {@code <service>/target/classes}: the module
     * that calls this depends on the services (test scope, type pom), so the reactor builds them first.
     *
     * @throws IllegalStateException if the service has not been built
     */
    public static ServiceConfigurationKeys of(Path repositoryRoot, String service) {
        Path classes = repositoryRoot.resolve(service).resolve("target/classes");
        Path metadata = classes.resolve(METADATA);
        if (!Files.isRegularFile(metadata)) {
            throw new IllegalStateException("no " + metadata + ": build " + service
                    + " first (a module checking its keys depends on it, e.g. mvn -pl infra/deploy -am verify)");
        }
        Set<String> keys = new TreeSet<>();
        Set<String> maps = new TreeSet<>();
        for (JsonNode property : read(metadata).path("properties")) {
            keys.add(property.path("name").asText());
            if (property.path("type").asText().startsWith("java.util.Map")) {
                maps.add(property.path("name").asText());
            }
        }
        flatten("", new Yaml().load(text(classes.resolve("application.yml"))), keys);
        return new ServiceConfigurationKeys(List.of(service), keys, maps);
    }

    /** Whether {@code key} is a known key, an entry of a known map, or (for {@code prefix.*}) a known group. */
    public boolean knows(String key) {
        if (key.endsWith(".*")) {
            String group = key.substring(0, key.length() - 2);
            return maps.contains(group) || inMap(group) || keys.stream().anyMatch(k -> k.startsWith(group + "."));
        }
        return keys.contains(key) || inMap(key);
    }

    /**
     * The known keys Micronaut sets from the environment variable {@code name}: those whose
     * upper-case form with dots and dashes as underscores is the name
     * ({@code LIBERATOR_KAFKA_BOOTSTRAP_SERVERS} sets {@code liberator.kafka.bootstrap-servers}).
     * Empty when the variable sets no key the service knows.
     */
    public Set<String> keysSetBy(String name) {
        return keys.stream()
                .filter(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private boolean inMap(String key) {
        return maps.stream().anyMatch(map -> key.startsWith(map + "."));
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> flatten(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name, value, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
