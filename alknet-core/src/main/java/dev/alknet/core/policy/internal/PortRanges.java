package dev.alknet.core.policy.internal;

/** Checks on inclusive TCP port ranges, shared by the pattern records and the string parser. */
public final class PortRanges {

    public static final int MAX_PORT = 65_535;

    private PortRanges() {
    }

    /** Why {@code from..to} is not a port range, or {@code null} when it is. */
    public static String problem(int from, int to) {
        if (from < 0 || from > MAX_PORT || to < 0 || to > MAX_PORT) {
            return "ports run from 0 to " + MAX_PORT + ", got " + from + "-" + to;
        }
        if (from > to) {
            return "port range " + from + "-" + to + " is reversed; write the lower port first";
        }
        return null;
    }
}
