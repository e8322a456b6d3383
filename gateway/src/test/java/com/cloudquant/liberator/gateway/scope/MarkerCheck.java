package com.cloudquant.liberator.gateway.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the vector selectors of a corpus template that carry no marker, by reading its tokens: a
 * brace pair without {@value OracleQuery#MARKER} (in PromQL a brace only ever opens a selector's
 * matchers), or a metric name standing bare (an identifier that is no keyword, no function or
 * aggregation call, no label of a {@code by/without/on/ignoring/group_*} list). Templates write
 * every selector with braces, so a bare name is a selector the scope would miss.
 */
final class MarkerCheck {

    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Never a metric name; aggregations are here because {@code by}/{@code without} may stand before their {@code (}. */
    private static final Set<String> KEYWORDS = Set.of("bool", "offset", "and", "or", "unless", "atan2", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile");

    private MarkerCheck() {
    }

    /** What is wrong with {@code template}, one entry per unmarked selector; empty when every selector is marked. */
    static List<String> unmarkedSelectors(String template) {
        List<String> problems = new ArrayList<>();
        int i = 0;
        boolean labelListNext = false;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '#') {
                break; // a comment runs to the end of the line
            } else if (c == '"' || c == '\'' || c == '`') {
                i = afterString(template, i);
            } else if (c == '{') {
                int close = closing(template, i, '}');
                if (!template.substring(i, close).contains(OracleQuery.MARKER)) {
                    problems.add("matchers without a marker at " + i + ": " + template.substring(i, close + 1));
                }
                i = close + 1;
            } else if (c == '[') {
                i = closing(template, i, ']') + 1; // durations only
            } else if (c == '(' && labelListNext) {
                i = closing(template, i, ')') + 1; // label names, not metric names
                labelListNext = false;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < template.length() && isNameChar(template.charAt(end))) {
                    end++;
                }
                String word = template.substring(i, end).toLowerCase(Locale.ROOT);
                char next = nextNonBlank(template, end);
                labelListNext = LABEL_LISTS.contains(word);
                if (next != '(' && next != '{' && !KEYWORDS.contains(word)) {
                    problems.add("bare metric name at " + i + ": " + template.substring(i, end));
                }
                i = end;
            } else if (Character.isDigit(c) || c == '.') {
                i = afterNumber(template, i);
            } else {
                i++;
            }
        }
        return problems;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static char nextNonBlank(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    /** A number or duration: {@code 5m}, {@code 1h30m}, {@code 0x1f}, {@code 1.5e-3}, {@code 1699999400.500}. */
    private static int afterNumber(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean exponentSign = (c == '-' || c == '+') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                    && !text.startsWith("0x", from);
            if (!Character.isLetterOrDigit(c) && c != '.' && !exponentSign) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int afterString(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\' && quote != '`') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string at " + open + ": " + text);
    }

    /** The index of the bracket closing the one at {@code open}, skipping strings. */
    private static int closing(String text, int open, char close) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
            } else if (c == close) {
                return i;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("no " + close + " closes " + text.charAt(open) + " at " + open + ": " + text);
    }
}
