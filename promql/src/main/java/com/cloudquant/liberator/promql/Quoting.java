package com.cloudquant.liberator.promql;

/** PromQL string literals written back: as Prometheus prints them, or in pure printable ASCII. */
final class Quoting {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Quoting() {
    }

    /**
     * Quotes as Go's {@code %q} (Prometheus prints strings so): double quotes; {@code \a \b \f
     * \n \r \t \v \\ \"}; other ASCII controls as {@code \xNN}; printable non-ASCII (letters,
     * marks, numbers, punctuation, symbols) literally, the rest as <code>&#92;uNNNN</code>/{@code \UNNNNNNNN}.
     */
    static String quote(String value) {
        return quote(value, false);
    }

    /**
     * Quotes with nothing but printable ASCII in the output: as {@link #quote(String)}, except
     * that every non-ASCII code point is escaped (<code>&#92;u00e9</code>, {@code \U0001f600}). Depends
     * on no Unicode table, so the result never changes between Java versions.
     */
    static String quoteAscii(String value) {
        return quote(value, true);
    }

    private static String quote(String value, boolean asciiOnly) {
        return appendQuoted(new StringBuilder(value.length() + 2), value, asciiOnly).toString();
    }

    static StringBuilder appendQuoted(StringBuilder sb, String value, boolean asciiOnly) {
        sb.append('"');
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 12 -> sb.append("\\f");
                case 10 -> sb.append("\\n");
                case 13 -> sb.append("\\r");
                case 9 -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> append(sb, cp, asciiOnly);
            }
        }
        return sb.append('"');
    }

    private static void append(StringBuilder sb, int cp, boolean asciiOnly) {
        // U+FFFD is printable, but the Prometheus lexer refuses it raw in a string: always escape it
        if (cp >= 0x20 && cp < 0x7f || cp >= 0x80 && cp != 0xFFFD && !asciiOnly && printable(cp)) {
            sb.appendCodePoint(cp);
        } else if (cp < 0x80) {
            hex(sb.append("\\x"), cp, 2);
        } else if (cp < 0x10000) {
            hex(sb.append("\\u"), cp, 4);
        } else {
            hex(sb.append("\\U"), cp, 8);
        }
    }

    private static void hex(StringBuilder sb, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(value >> shift) & 0xf]);
        }
    }

    /** Go's unicode.IsPrint above ASCII: categories L, M, N, P and S. */
    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return switch (type) {
            case Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.CONTROL, Character.FORMAT,
                    Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
