package com.cloudquant.liberator.gateway.scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * Every metric name, label name, label value and rule name that only tenant B has, computed from
 * the fixture and its rules (not listed by hand, so a new B series is covered by itself), and a
 * search for them as whole words in any answer. Numbers are left out: they are also sample values.
 */
final class TenantBTokens {

    private final Set<String> tokens;
    private final Pattern search;

    private TenantBTokens(Set<String> tokens) {
        this.tokens = Set.copyOf(tokens);
        // a token counts where it stands whole: not inside a longer name such as "risk" in "asterisk_x"
        this.search = Pattern.compile(tokens.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "(?<![A-Za-z0-9_:])(?:", ")(?![A-Za-z0-9_:])")));
    }

    static TenantBTokens of(TwoTenantData data) {
        Set<String> tenantB = new TreeSet<>();
        Set<String> others = new HashSet<>();
        for (FixtureSeries series : data.series()) {
            Set<String> into = TwoTenantData.TENANT_B.equals(series.namespace()) ? tenantB : others;
            into.add(series.name());
            into.addAll(series.labels().keySet());
            into.addAll(series.labels().values());
        }
        for (Family family : data.families()) {
            for (FixtureSeries series : data.series()) {
                if (FixtureFiles.familyOf(series, family)) {
                    (TwoTenantData.TENANT_B.equals(series.namespace()) ? tenantB : others).add(family.name());
                }
            }
        }
        for (Map<String, Object> rule : rules()) {
            Object labels = rule.get("labels");
            boolean ofB = labels instanceof Map<?, ?> map && TwoTenantData.TENANT_B.equals(map.get("namespace"));
            String name = (String) (rule.containsKey("record") ? rule.get("record") : rule.get("alert"));
            (ofB ? tenantB : others).add(name);
        }
        tenantB.removeAll(others);
        tenantB.removeIf(TenantBTokens::isNumber);
        return new TenantBTokens(tenantB);
    }

    Set<String> all() {
        return tokens;
    }

    /** The tokens of tenant B that {@code answer} mentions, in order of appearance, each once. */
    List<String> foundIn(String answer) {
        List<String> found = new ArrayList<>();
        Matcher matcher = search.matcher(answer);
        while (matcher.find()) {
            if (!found.contains(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        try (InputStream in = TenantBTokens.class.getResourceAsStream("/scope/rules.yml")) {
            Map<String, Object> file = new Yaml().load(in);
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isNumber(String token) {
        try {
            Double.parseDouble(token);
            return true;
        } catch (NumberFormatException e) {
            return token.equals("+Inf");
        }
    }
}
