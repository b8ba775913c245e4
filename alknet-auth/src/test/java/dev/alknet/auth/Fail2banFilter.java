package dev.alknet.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The shipped fail2ban filter's {@code failregex}, compiled as Java so its check runs without fail2ban. */
final class Fail2banFilter {

    /** What a host's logback pattern {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger - %msg} puts first. */
    static final String LOGBACK_PREFIX = "2026-11-21 05:12:44.123 INFO  alknet.auth - ";

    /** Tests run in the module directory; the filter lives in the repository's docs. */
    static final Path FILE = Path.of("..", "docs", "fail2ban", "alknet.conf").toAbsolutePath().normalize();

    private Fail2banFilter() {
    }

    /** The failregex with fail2ban's {@code <ADDR>} turned into a named group for an IPv4 or IPv6 address. */
    static Pattern load() {
        String failregex;
        try {
            failregex = Files.readAllLines(FILE).stream()
                    .filter(line -> line.startsWith("failregex"))
                    .map(line -> line.substring(line.indexOf('=') + 1).strip())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no failregex in " + FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Pattern.compile(failregex.replace("<ADDR>", "(?<addr>[0-9A-Fa-f:.]+)"));
    }
}
