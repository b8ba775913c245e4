package dev.alknet.core.config;

import dev.alknet.core.config.internal.Printable;
import java.util.Locale;

/** What runs on the byte stream a listener accepts. */
public enum InterfaceKind {
    /** An SSH server: handshake, public-key auth, channels, forwarding, the control channel. */
    SSH,
    /** Raw framing: the whole stream is one call-protocol channel. */
    RAW,
    /** The call protocol over WebSocket (one envelope per message), for browsers and HTTP infrastructure. */
    WEBSOCKET;

    /** The name used in config files: {@code ssh}, {@code raw} or {@code websocket}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ConfigException naming the text and the accepted values */
    public static InterfaceKind parse(String text) {
        for (InterfaceKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return kind;
            }
        }
        throw new ConfigException("", "unknown interface " + Printable.quote(text) + "; expected 'ssh', 'raw' or 'websocket'");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
