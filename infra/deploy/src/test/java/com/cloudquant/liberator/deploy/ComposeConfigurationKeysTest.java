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
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml gives our services only configuration keys they know (what their build
 * generated and shipped, {@link ServiceConfigurationKeys}) and their page (docs/&lt;module&gt;.md)
 * names: a misspelt variable would otherwise be ignored without a word, and the service would
 * run on its default.
 */
class ComposeConfigurationKeysTest {

    /** Read by the image's entrypoint (infra/docker/Dockerfile), not by the service. */
    private static final String JVM_OPTIONS = "JAVA_OPTS";
    /** Read by Micronaut itself: configuration keys as one JSON object, each checked like the others. */
    private static final String APPLICATION_JSON = "MICRONAUT_APPLICATION_JSON";

    private static ComposeModel compose;

    @BeforeAll
    static void resolve(@TempDir Path scratch) {
        compose = ComposeModel.load(scratch);
    }

    @Test
    void ourServicesAreGivenOnlyKeysTheyKnowAndTheirPageNames() {
        int checked = 0;
        for (String service : ourServices()) {
            String module = compose.module(service).orElseThrow();
            Map<String, String> environment = compose.environment(service);
            checked += environment.size() - 1 + KafkaUsers.applicationJson(environment, service).size();

            assertThat(problems(service, ServiceConfigurationKeys.of(Repository.ROOT, module), page(module), environment))
                    .as("%s (%s)", service, module).isEmpty();
        }
        assertThat(ourServices()).contains("token-service", "gateway-1", "gateway-2");
        assertThat(checked).as("keys checked").isGreaterThan(30);
    }

    @Test
    void aKeyTheServiceDoesNotKnowIsRefused() {
        ServiceConfigurationKeys gateway = ServiceConfigurationKeys.of(Repository.ROOT, "gateway");
        Map<String, String> environment = new LinkedHashMap<>(compose.environment("gateway-1"));
        environment.put("LIBERATOR_GATEWAY_MAX_STALENES", "5s");
        environment.put("LIBERATOR_ADMIN_PASSWORD", "a token-service key");
        environment.put(APPLICATION_JSON, "{\"liberator.gateway.upstream.url\":\"http://prometheus:9090\","
                + "\"liberator.kafka.properties.sasl.mechanism\":\"SCRAM-SHA-512\"}");

        assertThat(problems("gateway-1", gateway, page("gateway"), environment)).containsExactly(
                "gateway-1 is given LIBERATOR_GATEWAY_MAX_STALENES, which sets no key gateway knows",
                "gateway-1 is given LIBERATOR_ADMIN_PASSWORD, which sets no key gateway knows",
                "gateway-1 is given liberator.gateway.upstream.url in " + APPLICATION_JSON + ", a key gateway does not know");
    }

    @Test
    void aKeyItsPageDoesNotNameIsRefused() {
        ServiceConfigurationKeys gateway = ServiceConfigurationKeys.of(Repository.ROOT, "gateway");
        String page = page("gateway").replace("liberator.gateway.sign-in-url", "the sign-in address")
                .replace("liberator.kafka.properties", "the Kafka client settings");

        assertThat(problems("gateway-1", gateway, page, compose.environment("gateway-1"))).containsExactlyInAnyOrder(
                "gateway-1 is given LIBERATOR_GATEWAY_SIGN_IN_URL: docs/gateway.md names none of [liberator.gateway.sign-in-url]",
                "gateway-1 is given liberator.kafka.properties.security.protocol: docs/gateway.md does not name liberator.kafka.properties",
                "gateway-1 is given liberator.kafka.properties.sasl.mechanism: docs/gateway.md does not name liberator.kafka.properties",
                "gateway-1 is given liberator.kafka.properties.sasl.jaas.config: docs/gateway.md does not name liberator.kafka.properties");
    }

    /** The services built from our image that run the service itself (not a tool such as kafka-access). */
    private static List<String> ourServices() {
        return compose.services().keySet().stream()
                .filter(service -> compose.module(service).isPresent() && !compose.service(service).containsKey("entrypoint"))
                .toList();
    }

    /** One line per key {@code environment} gives {@code service} that it does not know or its page does not name. */
    private static List<String> problems(String service, ServiceConfigurationKeys keys, String page, Map<String, String> environment) {
        String module = keys.services().get(0);
        List<String> problems = new ArrayList<>();
        for (String variable : environment.keySet()) {
            if (variable.equals(JVM_OPTIONS) || variable.equals(APPLICATION_JSON)) {
                continue;
            }
            Set<String> set = keys.keysSetBy(variable);
            if (set.isEmpty()) {
                problems.add(service + " is given " + variable + ", which sets no key " + module + " knows");
            } else if (set.stream().noneMatch(key -> names(page, key))) {
                problems.add(service + " is given " + variable + ": docs/" + module + ".md names none of " + set);
            }
        }
        for (String key : KafkaUsers.applicationJson(environment, service).keySet()) {
            String documented = keys.maps().stream().filter(map -> key.startsWith(map + ".")).findFirst().orElse(key);
            if (!keys.knows(key)) {
                problems.add(service + " is given " + key + " in " + APPLICATION_JSON + ", a key " + module + " does not know");
            } else if (!names(page, documented)) {
                problems.add(service + " is given " + key + ": docs/" + module + ".md does not name " + documented);
            }
        }
        return problems;
    }

    /** Whether {@code page} names {@code key} itself, not only a longer key it begins (a map's {@code key.*} counts). */
    private static boolean names(String page, String key) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w-])").matcher(page).find();
    }

    private static String page(String module) {
        try {
            return Files.readString(Repository.path("docs/" + module + ".md"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read docs/" + module + ".md", e);
        }
    }
}
