package dev.alknet.callproto.internal;

import java.time.Duration;

/** The one check every timeout and interval setting of this module makes. */
public final class Durations {

    private Durations() {
    }

    /**
     * @param what names the setting in the error, e.g. {@code "connect timeout"}
     * @throws IllegalArgumentException when {@code duration} is zero or negative
     */
    public static Duration positive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }
}
