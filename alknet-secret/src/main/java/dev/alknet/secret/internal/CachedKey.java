package dev.alknet.secret.internal;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Key material in the derived-key cache. Use and destruction are mutually exclusive, so a reader never copies a
 * key that eviction is zeroing; after {@link #destroy()} {@link #use} returns null and the caller derives again.
 */
public final class CachedKey<K> {
    private final K key;
    private final Runnable destroyer;
    private boolean destroyed;

    public CachedKey(K key, Consumer<K> destroyer) {
        this.key = key;
        this.destroyer = () -> destroyer.accept(key);
    }

    public synchronized <T> T use(Function<K, T> action) {
        return destroyed ? null : action.apply(key);
    }

    public synchronized void destroy() {
        if (!destroyed) {
            destroyed = true;
            destroyer.run();
        }
    }

    @Override
    public String toString() {
        return "CachedKey[redacted]";
    }
}
