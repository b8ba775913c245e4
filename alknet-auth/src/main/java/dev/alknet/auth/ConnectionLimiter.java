package dev.alknet.auth;

import dev.alknet.auth.internal.IpText;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts open connections per client IP and refuses new ones beyond a limit ({@code --max-connections-per-ip}).
 * The limit is passed on every acquire, so a reloaded configuration applies to the next connection; connections
 * are counted even while unlimited, so lowering the limit later counts the ones already open. An address's entry
 * disappears when its count returns to zero. Thread-safe.
 */
public final class ConnectionLimiter {

    /** An open connection's slot; closing it (once or more) gives the slot back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit UNTRACKED = () -> { };

    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /**
     * Takes a slot for a connection from {@code address}.
     *
     * @param maxPerIp the most connections one address may hold, 0 for unlimited
     * @return the permit to close when the connection closes, or empty when the address is at its limit; a
     *     connection without an address (in-memory transports) is never limited or counted
     */
    public Optional<Permit> tryAcquire(InetAddress address, int maxPerIp) {
        if (maxPerIp < 0) {
            throw new IllegalArgumentException("max connections per IP must be 0 (unlimited) or more, got " + maxPerIp);
        }
        if (address == null) {
            return Optional.of(UNTRACKED);
        }
        InetAddress key = IpText.normalise(address);
        boolean[] granted = new boolean[1];
        open.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (maxPerIp > 0 && current >= maxPerIp) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0] ? Optional.of(new SlotPermit(key)) : Optional.empty();
    }

    /** Open connections counted for {@code address}. */
    public int openConnections(InetAddress address) {
        return open.getOrDefault(IpText.normalise(address), 0);
    }

    /** Addresses with at least one open connection. */
    public int trackedAddresses() {
        return open.size();
    }

    private final class SlotPermit implements Permit {

        private final InetAddress key;
        private final AtomicBoolean released = new AtomicBoolean();

        SlotPermit(InetAddress key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
