package dev.alknet.storage;

import java.time.Duration;

/**
 * How long {@link StorageService#prune} keeps what nobody needs any more.
 *
 * @param eventAge stream events older than this are deleted once every consumer of their stream has committed past
 *     them; {@code null} keeps events for ever
 * @param auditAge audit rows older than this are deleted; {@code null} keeps them for ever
 */
public record Retention(Duration eventAge, Duration auditAge) {

    public Retention {
        check(eventAge, "event");
        check(auditAge, "audit");
    }

    private static void check(Duration age, String what) {
        if (age != null && (age.isNegative() || age.isZero())) {
            throw new StorageException(StorageException.Kind.INVALID,
                    "the " + what + " retention age must be positive (or null to keep for ever), got " + age);
        }
    }

    /** What one {@link StorageService#prune} deleted. */
    public record Pruned(long events, long auditRows) {
    }
}
