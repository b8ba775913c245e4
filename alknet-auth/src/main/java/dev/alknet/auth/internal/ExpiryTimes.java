package dev.alknet.auth.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The absolute times of authorized_keys {@code expiry-time=}: {@code YYYYMMDD[HHMM[SS]]}, in the given zone (OpenSSH
 * uses the server's local time) or in UTC when followed by {@code Z}.
 */
public final class ExpiryTimes {

    private ExpiryTimes() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text, ZoneId localZone) {
        boolean utc = text.endsWith("Z") || text.endsWith("z");
        String digits = utc ? text.substring(0, text.length() - 1) : text;
        if (!(digits.length() == 8 || digits.length() == 12 || digits.length() == 14)
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text);
        }
        try {
            LocalDateTime time = LocalDateTime.of(
                    number(digits, 0, 4), number(digits, 4, 6), number(digits, 6, 8),
                    number(digits, 8, 10), number(digits, 10, 12), number(digits, 12, 14));
            return time.atZone(utc ? ZoneOffset.UTC : localZone).toInstant();
        } catch (DateTimeException e) {
            throw invalid(text);
        }
    }

    private static int number(String digits, int from, int to) {
        return to <= digits.length() ? Integer.parseInt(digits.substring(from, to)) : 0;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("expiry-time '" + LogValues.printable(text)
                + "' is not YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS (append Z for UTC)");
    }
}
