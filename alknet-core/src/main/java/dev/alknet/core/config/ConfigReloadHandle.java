package dev.alknet.core.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The server's current {@link DynamicConfig}, swapped atomically on reload.
 *
 * <p>The contract, for readers and reloaders alike:
 * <ul>
 *   <li>A reader takes <em>one</em> snapshot with {@link #current()} per decision (a connection accept, an
 *       authentication, a channel open) and uses only that snapshot for it. A connection that keeps its
 *       snapshot keeps its config: a reload never changes what it already holds.</li>
 *   <li>{@link #reload} and {@link #update} replace the whole config in one step. The next {@link #current()}
 *       on any thread sees the new one; no reader ever sees auth from one config and forwarding or limits from
 *       another, because the parts travel together in one immutable object.</li>
 *   <li>A reload that fails never reaches the handle: build (or {@link ConfigLoader#loadDynamic load}) the new
 *       config first, then call {@link #reload}. If building throws, the current config stays.</li>
 * </ul>
 * Reads are lock-free (one volatile read), so checking the config on every channel open costs nothing to
 * speak of. There is no file watching: reloading is always an explicit call.
 */
public final class ConfigReloadHandle {

    private record Versioned(DynamicConfig config, long version) {
    }

    private final AtomicReference<Versioned> current;

    /** Starts at version 0 with {@code initial}. */
    public ConfigReloadHandle(DynamicConfig initial) {
        current = new AtomicReference<>(new Versioned(Objects.requireNonNull(initial, "initial"), 0));
    }

    /** The config in force now: take it once per decision and keep using that snapshot for it. */
    public DynamicConfig current() {
        return current.get().config();
    }

    /** How many times the config has been replaced since this handle was created. */
    public long version() {
        return current.get().version();
    }

    /**
     * Replaces the config; new connections, authentications and channel opens see it.
     *
     * @return the version of {@code next}
     */
    public long reload(DynamicConfig next) {
        Objects.requireNonNull(next, "next");
        return current.updateAndGet(v -> new Versioned(next, v.version() + 1)).version();
    }

    /**
     * Replaces the config with {@code change} applied to the current one, e.g.
     * {@code handle.update(c -> c.withForwarding(policy))}; two concurrent updates never lose one another.
     * {@code change} may run more than once under contention, so it must not have side effects.
     *
     * @return the version of the new config
     * @throws RuntimeException whatever {@code change} throws, leaving the current config in place
     */
    public long update(UnaryOperator<DynamicConfig> change) {
        Objects.requireNonNull(change, "change");
        return current.updateAndGet(
                v -> new Versioned(Objects.requireNonNull(change.apply(v.config()), "changed config"),
                        v.version() + 1)).version();
    }
}
