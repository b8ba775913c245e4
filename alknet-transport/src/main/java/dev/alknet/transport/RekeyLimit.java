package dev.alknet.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * When a session renews its keys (OpenSSH's {@code RekeyLimit}): after this many bytes in either direction or this
 * much time, whichever comes first. Either side may start a key exchange; data keeps flowing once it ends.
 *
 * @param bytes at least 64 KiB
 * @param interval at least one second
 */
public record RekeyLimit(long bytes, Duration interval) {

    /**
     * 64 GiB or one hour. The byte limit is OpenSSH's default for the 128-bit-block ciphers alknet offers: 2^32
     * cipher blocks, as RFC 4344 §3.2 recommends. MINA's own default of 1 GiB made a bulk transfer stall for a
     * key exchange every few seconds.
     */
    public static final RekeyLimit DEFAULT = new RekeyLimit(64L << 30, Duration.ofHours(1));

    private static final long MIN_BYTES = 64 * 1024;

    public RekeyLimit {
        Objects.requireNonNull(interval, "interval");
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("rekey byte limit must be at least " + MIN_BYTES + ", got " + bytes);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("rekey interval must be at least 1 s, got " + interval);
        }
    }
}
