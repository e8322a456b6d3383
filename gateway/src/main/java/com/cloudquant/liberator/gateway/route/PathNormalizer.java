package com.cloudquant.liberator.gateway.route;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Turns a raw request path into its segments, once, the way the most generous server
 * behind us could read it: percent-decoded until stable (so {@code %252e} is {@code .}),
 * backslashes as slashes, {@code ;params} dropped, empty and {@code .} segments removed,
 * {@code ..} resolved. The route decision and the forwarded path both come from the result,
 * so no spelling reaches upstream meaning something the decision did not see.
 */
final class PathNormalizer {

    private static final int MAX_DECODE_ROUNDS = 3;

    private PathNormalizer() {
    }

    /** The normalized segments of {@code rawPath}; throws {@link MalformedPathException} when ambiguous. */
    static List<String> segments(String rawPath) {
        String path = rawPath;
        for (int round = 0; path.indexOf('%') >= 0; round++) {
            if (round == MAX_DECODE_ROUNDS) {
                throw new MalformedPathException("path is percent-encoded more than " + MAX_DECODE_ROUNDS + " times");
            }
            path = percentDecode(path);
        }
        Deque<String> stack = new ArrayDeque<>();
        for (String raw : path.replace('\\', '/').split("/", -1)) {
            int params = raw.indexOf(';');
            String segment = params >= 0 ? raw.substring(0, params) : raw;
            checkCharacters(segment);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (stack.isEmpty()) {
                    throw new MalformedPathException("path climbs above the root with '..'");
                }
                stack.removeLast();
                continue;
            }
            stack.addLast(segment);
        }
        return List.copyOf(stack);
    }

    private static void checkCharacters(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new MalformedPathException("path contains a control character");
            }
        }
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedPathException("truncated percent-encoding in path");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedPathException("invalid percent-encoding in path");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPathException("path is not valid UTF-8 once decoded");
        }
    }

    /** The path cannot be read one unambiguous way. */
    static final class MalformedPathException extends RuntimeException {
        MalformedPathException(String message) {
            super(message, null, false, false);
        }
    }
}
