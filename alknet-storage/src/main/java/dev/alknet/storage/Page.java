package dev.alknet.storage;

import java.util.List;
import java.util.Objects;

/**
 * One page of a keyset query ({@link NodeQuery}, {@link EdgeQuery}).
 *
 * @param next the cursor to pass as {@code after} for the following page, {@code null} on the last one. Paging on
 *     while others write never repeats an item nor skips one that existed throughout; an item added behind the
 *     cursor is not seen, one added ahead of it is.
 */
public record Page<T>(List<T> items, String next) {

    /** Most items one page may ask for. */
    public static final int MAX_LIMIT = 10_000;

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StorageException(StorageException.Kind.INVALID,
                    "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }
}
