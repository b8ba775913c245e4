package dev.alknet.core;

import java.util.Locale;

/** The kind of byte-stream transport a session rides on. Policies match transports by kind only. */
public enum TransportKind {
    TCP,
    TLS,
    WEBSOCKET,
    IN_MEMORY,
    QUIC,
    IROH,
    WEBTRANSPORT,
    DNS;

    /** The lower-case name used in config files, CLI flags and log lines ({@code tcp}, {@code in-memory}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a wire name, case-insensitively; {@code _} and {@code -} are interchangeable.
     *
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static TransportKind parse(String text) {
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TransportKind kind : values()) {
            if (kind.name().equals(normalised)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "'; expected one of "
                + java.util.Arrays.stream(values()).map(TransportKind::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName();
    }
}
