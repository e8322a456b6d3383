package com.cloudquant.liberator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration keys one of our services reads, and where that list came from.
 *
 * <p>{@link #of}: the service's page, docs/&lt;module&gt;.md, is the contract an operator
 * configures against, so when it exists it is the source; until it exists, the sources are.
 * {@link #fromSources}: every key of the module's application*.yml, every
 * {@code @ConfigurationProperties} record component (as prefix + kebab-case name), and every
 * key spelled out in its Java sources (meter names excepted).
 *
 * @param source where the keys were read (named in failure messages)
 * @param keys   dotted, kebab-case keys such as {@code liberator.kafka.bootstrap-servers}
 */
record ConfigurationKeys(String source, Set<String> keys) {

    private static final Pattern KEY = Pattern.compile("(?<![\\w.])(?:liberator|micronaut|endpoints)(?:\\.[a-z0-9][a-z0-9-]*)+");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\\s*\"([^\"]+)\"\\s*\\)[^{]*?\\brecord\\s+\\w+\\s*\\(");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^()]*\\))?");

    static ConfigurationKeys of(String module) {
        Path doc = Repository.path("docs/" + module + ".md");
        if (Files.isRegularFile(doc)) {
            Set<String> keys = new TreeSet<>();
            matches(read(doc), keys);
            return new ConfigurationKeys("docs/" + module + ".md", keys);
        }
        return fromSources(module);
    }

    static ConfigurationKeys fromSources(String module) {
        Path main = Repository.path(module + "/src/main");
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.matches("application.*\\.ya?ml")) {
                    flatten("", new Yaml().load(read(file)), keys);
                } else if (name.endsWith(".java")) {
                    String code = withoutComments(read(file));
                    recordComponents(code, keys);
                    matches(code, keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + main, e);
        }
        return new ConfigurationKeys(module + "/src/main", keys);
    }

    /** Whether the environment variable {@code name} sets one of the keys (Micronaut's mapping). */
    boolean readsEnvironmentVariable(String name) {
        return keys.stream().anyMatch(key -> environmentName(key).equals(name));
    }

    /** {@code liberator.kafka.bootstrap-servers} → {@code LIBERATOR_KAFKA_BOOTSTRAP_SERVERS}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void matches(String text, Set<String> keys) {
        Matcher matcher = KEY.matcher(text);
        while (matcher.find()) {
            if (text.startsWith("builder(\"", Math.max(0, matcher.start() - 9))) {
                continue; // a meter name such as Counter.builder("liberator.gateway.requests"), not a key
            }
            String key = matcher.group();
            keys.add(key.endsWith(".") || key.endsWith("-") ? key.substring(0, key.length() - 1) : key);
        }
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> flatten(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name, value, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    /**
     * {@code @ConfigurationProperties("liberator.gateway") record GatewayProperties(URI upstreamUrl, …)}
     * → {@code liberator.gateway.upstream-url}, … String literals are blanked first, so a
     * parenthesis inside a validation message cannot end the header early.
     */
    private static void recordComponents(String code, Set<String> keys) {
        Matcher matcher = PROPERTIES_RECORD.matcher(code);
        String blanked = blankStrings(code);
        while (matcher.find()) {
            String prefix = matcher.group(1);
            int depth = 1;
            int end = matcher.end();
            while (end < blanked.length() && depth > 0) {
                char c = blanked.charAt(end++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            String header = ANNOTATION.matcher(blanked.substring(matcher.end(), end - 1)).replaceAll(" ");
            for (String component : splitTopLevel(header)) {
                String[] words = component.trim().split("\\s+");
                String name = words[words.length - 1];
                if (name.matches("[a-z]\\w*")) {
                    keys.add(prefix + "." + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** String literals as runs of spaces of the same length, so offsets stay valid. */
    private static String blankStrings(String code) {
        Matcher literal = STRING_LITERAL.matcher(code);
        StringBuilder out = new StringBuilder();
        while (literal.find()) {
            literal.appendReplacement(out, "\"" + " ".repeat(literal.group().length() - 2) + "\"");
        }
        literal.appendTail(out);
        return out.toString();
    }

    /** Splits a record header at commas outside generic type arguments. */
    private static List<String> splitTopLevel(String header) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(header.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(header.substring(start));
        return parts;
    }

    /** Without comments, package and import lines (package names are not keys). */
    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ")
                .replaceAll("(?m)^\\s*(?:package|import)\\s[^;]*;", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
