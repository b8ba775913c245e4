package dev.alknet.transport.testing;

import dev.alknet.transport.Tunnel;
import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Openers for front-end tests. */
public final class Openers {

    private Openers() {
    }

    public static TunnelOpener failing(TunnelOpenException.Reason reason) {
        return (host, port) -> CompletableFuture.failedFuture(new TunnelOpenException(reason, "test"));
    }

    /** Records each destination as {@code host port}, then delegates. */
    public static final class Recording implements TunnelOpener {
        public final List<String> destinations = new CopyOnWriteArrayList<>();
        private final TunnelOpener delegate;

        public Recording(TunnelOpener delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Tunnel> open(String host, int port) {
            destinations.add(host + " " + port);
            return delegate.open(host, port);
        }
    }
}
