package com.cloudquant.liberator.promql;

/** Where the parts of a Go regex end: escapes, character classes, {n,m} repeats. */
final class RegexScanning {

    private RegexScanning() {
    }

    /**
     * Index after "{n}", "{n,}" or "{n,m}" at i, or -1 where Go reads the brace literally (no
     * count, a count with a leading zero). Counts over 4 digits are left to RE2/J, which refuses
     * them as Go does.
     */
    static int repeatEnd(String re, int i) {
        int j = count(re, i + 1);
        if (j < 0 || j >= re.length()) {
            return -1;
        }
        if (re.charAt(j) == ',') {
            j = j + 1 < re.length() && re.charAt(j + 1) == '}' ? j + 1 : count(re, j + 1);
        }
        return j > 0 && j < re.length() && re.charAt(j) == '}' ? j + 1 : -1;
    }

    private static int count(String re, int from) {
        int j = from;
        while (j < re.length() && Lexer.isDigit(re.charAt(j))) {
            j++;
        }
        boolean leadingZero = j - from >= 2 && re.charAt(from) == '0';
        return j == from || j - from > 4 || leadingZero ? -1 : j;
    }

    /** Index after the escape at i: \Q…\E, \p{…}, \x{…} or a backslash and one character. */
    static int escapeEnd(String re, int i) {
        if (i + 1 >= re.length()) {
            return re.length();
        }
        char e = re.charAt(i + 1);
        if (e == 'Q') {
            int end = re.indexOf("\\E", i + 2);
            return end < 0 ? re.length() : end + 2;
        }
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
            int close = re.indexOf('}', i + 2);
            return close < 0 ? re.length() : close + 1;
        }
        return i + 2;
    }

    /** Index after the character class opening at i ("[]a]" and "[^]a]" hold a literal ']'). */
    static int classEnd(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length() && re.charAt(j) != ']') {
            if (re.charAt(j) == '\\') {
                j = escapeEnd(re, j);
            } else if (re.startsWith("[:", j) && re.indexOf(":]", j + 2) > 0) {
                j = re.indexOf(":]", j + 2) + 2;
            } else {
                j++;
            }
        }
        return Math.min(j + 1, re.length());
    }
}
