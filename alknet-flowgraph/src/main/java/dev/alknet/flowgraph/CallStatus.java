package dev.alknet.flowgraph;

import java.util.Locale;

/**
 * Where a call is: Pending → Running → Completed | Failed | Aborted, and Pending → Aborted. Nothing leaves a
 * terminal status.
 */
public enum CallStatus {
    PENDING, RUNNING, COMPLETED, FAILED, ABORTED;

    public boolean canMoveTo(CallStatus next) {
        return switch (this) {
            case PENDING -> next == RUNNING || next == ABORTED;
            case RUNNING -> next == COMPLETED || next == FAILED || next == ABORTED;
            default -> false;
        };
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == ABORTED;
    }

    /** The lower-case name used in exports ({@code "running"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code Running}, as the spec writes statuses. */
    public String displayName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
