package com.cloudquant.liberator.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration keys the two services know, from what the build generated and shipped,
 * never from their Java sources:
 * <ul>
 * <li>Micronaut's configuration metadata ({@code META-INF/spring-configuration-metadata.json}
 * in each service's {@code target/classes}), written by its annotation processor for every
 * {@code @ConfigurationProperties} property, with its type;</li>
 * <li>each service's {@code application.yml}, the configuration it ships with: keys read with
 * {@code @Property} or {@code @Value} (not in the metadata) are declared there with their
 * default.</li>
 * </ul>
 * A key below a {@code java.util.Map} property ({@code liberator.kafka.properties.sasl.mechanism})
 * is that map's entry, so it is known when the map is.
 */
record ServiceConfigurationKeys(Set<String> keys, Set<String> maps) {

    static final List<String> SERVICES = List.of("token-service", "gateway");

    static ServiceConfigurationKeys load() {
        Set<String> keys = new TreeSet<>();
        Set<String> maps = new TreeSet<>();
        for (String service : SERVICES) {
            Path metadata = MarkdownDocs.ROOT.resolve(service + "/target/classes/META-INF/spring-configuration-metadata.json");
            if (!Files.isRegularFile(metadata)) {
                throw new IllegalStateException("no " + metadata + ": build the services first (mvn -pl infra/local-stack -am verify)");
            }
            for (JsonNode property : read(metadata).path("properties")) {
                keys.add(property.path("name").asText());
                if (property.path("type").asText().startsWith("java.util.Map")) {
                    maps.add(property.path("name").asText());
                }
            }
            Object yaml = new Yaml().load(MarkdownDocs.read(MarkdownDocs.ROOT.resolve(service + "/src/main/resources/application.yml")));
            flatten("", yaml, keys);
        }
        return new ServiceConfigurationKeys(keys, maps);
    }

    /** Whether {@code key} is a known key, an entry of a known map, or (for {@code prefix.*}) a known group. */
    boolean knows(String key) {
        if (key.endsWith(".*")) {
            String group = key.substring(0, key.length() - 2);
            return maps.contains(group) || inMap(group) || keys.stream().anyMatch(k -> k.startsWith(group + "."));
        }
        return keys.contains(key) || inMap(key);
    }

    private boolean inMap(String key) {
        return maps.stream().anyMatch(map -> key.startsWith(map + "."));
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> flatten(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name, value, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }
}
