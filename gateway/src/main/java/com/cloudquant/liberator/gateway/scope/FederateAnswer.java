package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.promql.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /federate} for a scoped token: the text exposition format (the gateway asks upstream for
 * it), every sample line whose labels the scope does not admit dropped, and with it the
 * {@code # HELP}/{@code # TYPE} lines of a family left without samples, so not even a metric name
 * of another tenant passes. A line that cannot be read is treated as outside the scope.
 */
public final class FederateAnswer {

    private FederateAnswer() {
    }

    public static Filtered filter(byte[] answer, Scope scope) {
        String text = new String(answer, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length);
        StringBuilder comments = new StringBuilder();
        boolean afterSample = false;
        int dropped = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            start = end < 0 ? text.length() : end + 1;
            if (line.startsWith("#")) {
                if (afterSample) {
                    comments.setLength(0); // a new family: the last one's comments go only with a kept sample
                    afterSample = false;
                }
                comments.append(line).append('\n');
            } else if (!line.isBlank()) {
                afterSample = true;
                Map<String, String> labels = labels(line);
                if (labels != null && scope.admits(labels)) {
                    write(out, comments);
                    comments.setLength(0);
                    write(out, line + "\n");
                } else {
                    dropped++;
                }
            }
        }
        return new Filtered(out.toByteArray(), dropped);
    }

    /**
     * The labels of one sample line, {@code name{a="b",…} value [timestamp]}, {@code __name__}
     * included; {@code null} if the line is not in that form.
     */
    static Map<String, String> labels(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        Map<String, String> labels = new HashMap<>();
        if (i > 0) {
            labels.put("__name__", line.substring(0, i));
        }
        if (i == line.length() || line.charAt(i) == ' ') {
            return i > 0 ? labels : null;
        }
        i++; // '{'
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf("=\"", i);
            if (eq < 0) {
                return null;
            }
            String name = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length() || name.isEmpty()) {
                return null;
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? labels : null;
    }

    private static void write(ByteArrayOutputStream out, CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
