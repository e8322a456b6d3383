package com.cloudquant.liberator.events;

/**
 * Text someone else chose (a user name, a revoke reason, a record's fields), made safe for one
 * line of a log or a terminal: every control character (C0, DEL, C1, the line and paragraph
 * separators) and every bidirectional override is written as a visible backslash-u escape
 * with four hex digits. So a value cannot forge log lines ({@code \r\n}), drive a terminal
 * (an ESC sequence such as {@code ESC[2J} clears the screen; C1 {@code CSI} does the same
 * without ESC) or make a line read in another order than it is stored. The one place the
 * project does this: logs, the audit tool's text output and {@link ChainBreak} details use it.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code text} with every character that is not safe on a terminal line escaped; "null" for null. */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@code text} as the value of a {@code key=value} log field: {@link #line}, and quoted
     * (with {@code "} and backslash escaped) when it holds a blank, {@code =}, {@code "} or a
     * backslash, so a chosen name such as {@code x decision=granted} cannot add a field of its
     * own, and a name spelled {@code x\u001b} cannot pass for one holding an escape character.
     */
    public static String value(String text) {
        if (text != null && (text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '=' || c == '"' || c == '\\'))) {
            // quote and backslash first, then the control characters: each escape reads back one way
            return '"' + line(text.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
        }
        return line(text);
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)       // C0, DEL, C1 (0x9b is a one-byte CSI)
                || c == 0x2028 || c == 0x2029               // line and paragraph separators
                || (c >= 0x202a && c <= 0x202e)             // bidirectional embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069);            // bidirectional isolates
    }
}
