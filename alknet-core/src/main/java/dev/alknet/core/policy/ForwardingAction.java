package dev.alknet.core.policy;

import java.util.Locale;

/** What a {@link ForwardingPolicy} does with a forwarding request. */
public enum ForwardingAction {
    ALLOW,
    DENY;

    /** The lower-case name used in config files and the CLI: {@code allow} or {@code deny}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
