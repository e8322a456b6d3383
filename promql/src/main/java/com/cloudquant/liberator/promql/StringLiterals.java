package com.cloudquant.liberator.promql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * PromQL string literals, read and written. Reading follows the Prometheus lexer and its Go
 * unquoting: {@code "…"} and {@code '…'} with Go escapes (only the opening quote may be
 * escaped, no raw newline), {@code `…`} raw. Byte escapes ({@code \xNN}, {@code \NNN}) yield
 * bytes, as in Go; the bytes of one literal must form valid UTF-8 (Prometheus accepts invalid
 * UTF-8 label values; we refuse them, a Java string cannot carry them faithfully). Writing
 * them back is {@link Quoting}'s job.
 */
final class StringLiterals {

    private StringLiterals() {
    }

    /** A decoded literal and the index just past its closing quote. */
    record Literal(String value, int end) {
    }

    /** Reads the literal whose opening quote is at {@code text.charAt(start)}. */
    static Literal read(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        boolean escaped = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                break;
            }
            if (c == '\n' && quote != '`') {
                throw new PromQLException(start, "unterminated quoted string (a newline must be written \\n)");
            }
            if (c == '\\' && quote != '`') {
                escaped = true;
                i++; // the escaped character can be the quote; validated below
            } else if (c == '\uFFFD' || Character.isSurrogate(c) && !validPair(text, i)) {
                throw new PromQLException(i, "invalid UTF-8 rune in string");
            }
        }
        if (i >= text.length()) {
            throw new PromQLException(start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
        }
        String body = text.substring(start + 1, i);
        return new Literal(escaped ? unescape(body, start + 1, quote) : body, i + 1);
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String unescape(String body, int offset, char quote) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                int end = i + 1;
                while (end < body.length() && body.charAt(end) != '\\') {
                    end++;
                }
                bytes.writeBytes(body.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            i = escape(body, i, offset, quote, bytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new PromQLException(offset - 1, "string escapes do not form valid UTF-8");
        }
    }

    /** Decodes the escape at body[i] (a backslash) into bytes; returns the index after it. */
    private static int escape(String body, int i, int offset, char quote, ByteArrayOutputStream out) {
        char e = i + 1 < body.length() ? body.charAt(i + 1) : 0;
        int simple = switch (e) {
            case 'a' -> 7;
            case 'b' -> 8;
            case 'f' -> 12;
            case 'n' -> 10;
            case 'r' -> 13;
            case 't' -> 9;
            case 'v' -> 11;
            case '\\' -> '\\';
            default -> e == quote ? quote : -1;
        };
        if (simple >= 0) {
            out.write(simple);
            return i + 2;
        }
        int digits;
        int base;
        int start;
        if (e >= '0' && e <= '7') {
            digits = 3;
            base = 8;
            start = i + 1;
        } else if (e == 'x' || e == 'u' || e == 'U') {
            digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            base = 16;
            start = i + 2;
        } else {
            throw new PromQLException(offset + i, "unknown escape sequence \\" + (e == 0 ? "" : String.valueOf(e)));
        }
        if (start + digits > body.length()) {
            throw new PromQLException(offset + i, "escape sequence not terminated");
        }
        long value = 0;
        for (int k = start; k < start + digits; k++) {
            int d = Character.digit(body.charAt(k), base);
            if (d < 0 || body.charAt(k) > 'f') {
                throw new PromQLException(offset + k, "illegal character " + Quoting.quote(body.substring(k, k + 1))
                        + " in escape sequence");
            }
            value = value * base + d;
        }
        boolean bytesEscape = e != 'u' && e != 'U';
        if (value > (bytesEscape ? 255 : Character.MAX_CODE_POINT) || value >= 0xD800 && value < 0xE000) {
            throw new PromQLException(offset + i, "escape sequence is an invalid Unicode code point");
        }
        if (bytesEscape) {
            out.write((int) value);
        } else {
            out.writeBytes(new String(Character.toChars((int) value)).getBytes(StandardCharsets.UTF_8));
        }
        return start + digits;
    }
}
