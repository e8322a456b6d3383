package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code application/x-www-form-urlencoded}, read strictly and written canonically: the one place
 * a scoped request's parameters are decoded (query string and form body alike) and encoded again
 * for upstream. What is forwarded is re-encoded from the decoded values, so Prometheus reads
 * exactly the values the gateway checked, whatever spelling the client used.
 *
 * <p>Read as Go's {@code url.ParseQuery} reads it ({@code &} between pairs, the first {@code =}
 * splits name from value, {@code +} is a space), except that where Go drops a pair and goes on
 * (a {@code ;} separator, a bad {@code %} escape) this refuses the request: a dropped pair could be
 * the one the user meant. Values must be UTF-8.
 */
public final class FormCodec {

    private FormCodec() {
    }

    /**
     * The pairs of {@code raw} in order; {@code where} ("query string", "form body") names the
     * source in the 400 a malformed one gets. {@code null} or "" is no pair.
     */
    public static List<Param> decode(String raw, String where) {
        List<Param> params = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.indexOf(';') >= 0) {
                throw malformed(where, "';' is not a parameter separator (Prometheus refuses it too): use '&', or %3B in a value");
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq), where);
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1), where);
            params.add(new Param(name, value));
        }
        return params;
    }

    /** The pairs of a form body, which must be UTF-8 (percent-encoding is ASCII; raw bytes beyond it must be UTF-8 too). */
    public static List<Param> decode(byte[] raw, String where) {
        return decode(utf8(raw, where), where);
    }

    /** The pairs as one form, every name and value percent-encoded (space as {@code +}). */
    public static String encode(List<Param> params) {
        StringBuilder out = new StringBuilder(64);
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String unescape(String text, String where) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < text.length() ? hex(text.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(text.charAt(i + 2));
                if (low < 0) {
                    throw malformed(where, "invalid percent-encoding near '"
                            + text.substring(i, Math.min(text.length(), i + 3)) + "'");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return utf8(bytes.toByteArray(), where);
    }

    /**
     * An ASCII hex digit's value, else -1: Go's {@code ishex}. Not {@link Character#digit}, which also reads
     * other scripts' digits and fullwidth letters ("%7\u0663" as "s") in escapes Go drops with their pair.
     */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String utf8(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(where, "a parameter is not UTF-8 once percent-decoded");
        }
    }

    private static GatewayRejection malformed(String where, String problem) {
        return new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", "malformed " + where + ": " + problem,
                "malformed_parameters");
    }
}
