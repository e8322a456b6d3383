package com.cloudquant.liberator.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names a PromQL expression refers to. Not a parser: promtool
 * checks the syntax; this only has to find names in expressions that are already valid.
 * String literals, durations and numbers are taken out first; what is left that is neither a
 * function (followed by "("), a keyword nor inside a label list is a metric name.
 *
 * <p>Public for the stack test that checks the shipped dashboard's queries against the series
 * the real gateways export.
 *
 * @param metrics metric names, e.g. {@code liberator_gateway_requests_total}
 * @param labels  label names in matchers and in by/without/on/ignoring/group_* lists
 */
public record PromqlNames(Set<String> metrics, Set<String> labels) {

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>0x[0-9a-fA-F]+|[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+)"
                    + "|(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset", "inf", "nan", "atan2");

    /** The names in {@code expr}, a valid PromQL expression. */
    public static PromqlNames of(String expr) {
        Set<String> labels = new TreeSet<>();
        String text = STRING.matcher(expr).replaceAll("\"\"");
        Matcher matchers = MATCHERS.matcher(text);
        while (matchers.find()) {
            Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = BRACKETS.matcher(text).replaceAll(" ");
        text = OFFSET.matcher(text).replaceAll(" ");
        Matcher grouping = GROUPING.matcher(text);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String name = token.group("name");
            if (name != null && token.group("call") == null && !KEYWORDS.contains(name.toLowerCase())) {
                metrics.add(name);
            }
        }
        return new PromqlNames(metrics, labels);
    }
}
