package com.cloudquant.liberator.promql;

/**
 * Number literals as Prometheus lexes and evaluates them: decimal, {@code 0x} hex and leading-zero
 * octal integers (Go's {@code ParseInt(s, 0, 64)}), else a Go float ({@code 1e3}, {@code .5},
 * {@code 5.}); {@code Inf} and {@code NaN} in any case. A value beyond the double range is
 * refused, as Go's ParseFloat refuses it.
 */
final class NumberSyntax {

    private NumberSyntax() {
    }

    /** The end of the longest number-like prefix at {@code start} (the Prometheus lexer's scanNumber). */
    static int prefixEnd(String s, int start) {
        int i = start;
        boolean hex = false;
        if (at(s, i, "0") && (at(s, i + 1, "x") || at(s, i + 1, "X"))) {
            hex = true;
            i += 2;
        }
        i = run(s, i, hex);
        if (at(s, i, ".")) {
            i = run(s, i + 1, hex);
        }
        if (at(s, i, "e") || at(s, i, "E")) {
            i++;
            if (at(s, i, "+") || at(s, i, "-")) {
                i++;
            }
            i = run(s, i, false);
        }
        return i;
    }

    /** The end of a number token at {@code start}, or -1 when a letter or digit follows its prefix. */
    private static int scanNumber(String s, int start) {
        int end = prefixEnd(s, start);
        return end < s.length() && isAlphaNumeric(s.charAt(end)) ? -1 : end;
    }

    /**
     * The end of a duration token at {@code start}: a number-like prefix, a unit, then more
     * digits-and-unit groups, not followed by a letter or digit; -1 otherwise. The token's value
     * is checked later by {@link Durations#parse}.
     */
    private static int scanDuration(String s, int start) {
        int i = prefixEnd(s, start);
        if (i >= s.length() || "smhdwy".indexOf(s.charAt(i)) < 0) {
            return -1;
        }
        i = at(s, i + 1, "s") ? i + 2 : i + 1;
        while (i < s.length() && Lexer.isDigit(s.charAt(i))) {
            i = run(s, i, false);
            if (i >= s.length() || "smhdw".indexOf(s.charAt(i)) < 0) {
                return -1;
            }
            i = at(s, i + 1, "s") ? i + 2 : i + 1;
        }
        return i < s.length() && isAlphaNumeric(s.charAt(i)) ? -1 : i;
    }

    /** A NUMBER or DURATION token at {@code start} (where a digit, or '.' and a digit, is). */
    static Token numberOrDuration(String s, int start) {
        int end = scanNumber(s, start);
        return end >= 0 ? new Token(TokenType.NUMBER, s.substring(start, end), start) : duration(s, start);
    }

    /** The DURATION token that must follow '['; a number without unit gets its own message, as in Prometheus. */
    static Token durationAfterBracket(String s, int start) {
        if (scanNumber(s, start) >= 0) {
            throw new PromQLException(start, "expected a duration with a unit (e.g. 5m) after '['");
        }
        return duration(s, start);
    }

    private static Token duration(String s, int start) {
        int end = scanDuration(s, start);
        if (end < 0) {
            throw new PromQLException(start, "bad number or duration syntax");
        }
        return new Token(TokenType.DURATION, s.substring(start, end), start);
    }

    /** The value of a NUMBER token. */
    static double parse(Token token) {
        String s = token.text();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        try {
            if (lower.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
                return Long.parseLong(s.substring(1), 8);
            }
            if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(s);
            }
        } catch (NumberFormatException e) {
            if (lower.startsWith("0x")) {
                throw new PromQLException(token.pos(), "invalid number " + s);
            }
            // an integer beyond 64 bits is read as a float, as Go's ParseFloat would
        }
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new PromQLException(token.pos(), "invalid number " + s);
        }
        if (Double.isInfinite(value)) {
            throw new PromQLException(token.pos(), "number " + s + " is out of range");
        }
        return value;
    }

    private static int run(String s, int i, boolean hex) {
        while (i < s.length() && (Lexer.isDigit(s.charAt(i)) || hex && isHexLetter(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isHexLetter(char c) {
        return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean at(String s, int i, String c) {
        return i < s.length() && s.charAt(i) == c.charAt(0);
    }

    static boolean isAlphaNumeric(char c) {
        return LabelMatcher.isIdentifierPart(c);
    }
}
