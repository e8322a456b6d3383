package com.cloudquant.liberator.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;

/**
 * The one way the log writes an instant: UTC, millisecond precision, {@code 2026-01-31T12:00:00.000Z}.
 * Parsing accepts exactly that shape. It is read by hand rather than with {@code Instant.parse}
 * because every record carries one and a rebuild of a long log spent a third of its decoding in
 * the general-purpose parser.
 */
final class LogInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** {@code d} is an ASCII digit; every other character stands for itself. */
    private static final String SHAPE = "dddd-dd-ddTdd:dd:dd.dddZ";

    private LogInstant() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses {@code value}, naming {@code field} if it is not an instant written the log's way. */
    static Instant parse(String field, String value) {
        if (!hasShape(value)) {
            throw new IllegalArgumentException(
                    "field '" + field + "' must be a UTC instant like 2026-01-31T12:00:00.000Z, got " + value);
        }
        try {
            // the checks LocalDateTime.of makes, without building it: a date that exists, a time of day
            long day = LocalDate.of(number(value, 0, 4), number(value, 5, 2), number(value, 8, 2)).toEpochDay();
            int hour = ChronoField.HOUR_OF_DAY.checkValidIntValue(number(value, 11, 2));
            int minute = ChronoField.MINUTE_OF_HOUR.checkValidIntValue(number(value, 14, 2));
            int second = ChronoField.SECOND_OF_MINUTE.checkValidIntValue(number(value, 17, 2));
            return Instant.ofEpochSecond(day * 86_400 + hour * 3_600 + minute * 60 + second,
                    number(value, 20, 3) * 1_000_000L);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field '" + field + "' is not a valid instant: " + value);
        }
    }

    private static boolean hasShape(String value) {
        if (value.length() != SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < SHAPE.length(); i++) {
            char c = value.charAt(i);
            boolean fits = SHAPE.charAt(i) == 'd' ? c >= '0' && c <= '9' : c == SHAPE.charAt(i);
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static int number(String value, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + (value.charAt(i) - '0');
        }
        return n;
    }
}
