package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.deploy.ServiceConfigurationKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README.md and docs/*.md say nothing the repository contradicts: their relative links lead
 * somewhere, the {@code liberator.*} keys they name are keys the services know, and the
 * localhost ports they name are the local stack's. This module runs the check because it sees
 * all three: the stack's ports ({@link StackPorts}), and both services built before it (its
 * pom-typed dependencies make the reactor build them first), whose generated configuration
 * metadata is what the keys are checked against.
 */
class DocsCheckTest {

    /**
     * A {@code liberator.} name that is not part of a longer dotted or path-like name (so not
     * the package {@code com.cloudquant.liberator.tokenlog} nor {@code -Dliberator.x}).
     * Environment-variable forms ({@code LIBERATOR_GATEWAY_MAX_STALENESS}) are upper case and
     * never match: they name compose variables, run.sh's environment or placeholders in
     * application.yml as well as keys, so the docs name every key in its dotted form, which is
     * what is checked. A placeholder is written {@code liberator.kafka.properties.*} (checked as
     * a prefix) or {@code [i]} after a list key (dropped).
     */
    private static final Pattern KEY = Pattern.compile("(?<![\\w.$/-])liberator\\.[a-z0-9][a-z0-9.\\-\\[\\]*]*");

    /** Names in the {@code liberator.} namespace that are not configuration keys, each with what it is. */
    private static final Map<Pattern, String> NOT_KEYS = Map.of(
            Pattern.compile("liberator\\.metrics-tokens\\.v\\d+"), "a Kafka topic name",
            Pattern.compile("liberator\\.(crt|key)"), "a file of the compose TLS volume",
            Pattern.compile("liberator\\.screenshots\\.dir"), "a system property of TokenPageTest, not of a service");

    /** Any host name for this host, then a port: {@code localhost:8080}, {@code 127.0.0.1:9190}; or prose "port 8090". */
    private static final Pattern LOCAL_PORT = Pattern.compile("(?:localhost|127\\.0\\.0\\.1|\\[::1\\]):(\\d{1,5})\\b|\\b[Pp]orts? `?(\\d{2,5})\\b");

    /**
     * Ports the docs name on purpose that are not the local stack's, by file: anything else on
     * this host must be one of the local stack's default ports ({@link LocalStackCommand}). A compose port that is also a stack
     * port (8080, 8443, 9090) needs no entry.
     */
    private static final Map<String, Set<Integer>> NOT_STACK_PORTS = Map.of(
            "docs/deployment.md", Set.of(3000), // docker-compose.yml's Grafana, published on loopback
            "docs/benchmarks.md", Set.of(1)); // an address nothing listens on, to make a client fail at once

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        MarkdownDocs docs = new MarkdownDocs();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : MarkdownDocs.files()) {
            for (MarkdownDocs.Link link : MarkdownDocs.relativeLinks(file)) {
                checked++;
                String problem = docs.problem(link);
                if (problem != null) {
                    broken.add(link + " " + problem);
                }
            }
        }

        assertThat(broken).as("relative links that lead nowhere").isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(40);
    }

    @Test
    void everyLiberatorKeyNamedInTheDocsIsAKeyOfAService() {
        ServiceConfigurationKeys known = ServiceConfigurationKeys.all(MarkdownDocs.ROOT);
        List<String> unknown = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (Path file : MarkdownDocs.files()) {
            Matcher m = KEY.matcher(MarkdownDocs.read(file));
            while (m.find()) {
                String key = m.group().replaceAll("\\[[^\\]]*\\]", "").replaceAll("[.-]+$", "");
                if (NOT_KEYS.keySet().stream().noneMatch(p -> p.matcher(key).matches())) {
                    checked.add(key);
                    if (!known.knows(key)) {
                        unknown.add(MarkdownDocs.ROOT.relativize(file) + ": " + key);
                    }
                }
            }
        }

        assertThat(unknown).as("keys no service knows (%s)", known.services()).isEmpty();
        assertThat(checked).as("keys checked").hasSizeGreaterThan(40);
    }

    @Test
    void everyPortOnThisHostNamedInTheDocsIsTheLocalStacks() {
        Set<Integer> stack = stackPorts(defaultPorts());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : MarkdownDocs.files()) {
            String name = MarkdownDocs.ROOT.relativize(file).toString();
            Matcher m = LOCAL_PORT.matcher(MarkdownDocs.read(file));
            while (m.find()) {
                int port = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                checked++;
                if (!stack.contains(port) && !NOT_STACK_PORTS.getOrDefault(name, Set.of()).contains(port)) {
                    wrong.add(name + ": " + m.group() + " is no port of the local stack " + new TreeSet<>(stack));
                }
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(checked).as("ports checked").isGreaterThan(20);
    }

    /** The ports ./run.sh starts the stack on: the command's defaults, defined there only. */
    private static StackPorts defaultPorts() {
        LocalStackCommand command = new LocalStackCommand();
        new CommandLine(command).parseArgs();
        return command.ports();
    }

    private static Set<Integer> stackPorts(StackPorts ports) {
        Set<Integer> all = new TreeSet<>(List.of(ports.publicHttp(), ports.publicHttps(), ports.tokenService(),
                ports.tokenServiceManagement(), ports.prometheus(), ports.kafka(), ports.nodeExporter()));
        Stream.concat(ports.gateways().stream(), ports.gatewayManagement().stream()).forEach(all::add);
        return all;
    }
}
