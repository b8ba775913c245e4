package dev.alknet.callproto.net;

import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.internal.Durations;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What every call-protocol server offers once started: where it listens, its sessions, and closing. */
public abstract sealed class ProtocolServer implements AutoCloseable permits CallServer, WebSocketServer {

    final ServerCore core;

    ProtocolServer(String kind) {
        this.core = new ServerCore(kind);
    }

    /** The addresses actually bound, in listener order (useful with port 0). */
    public List<InetSocketAddress> listenAddresses() {
        return core.listenAddresses();
    }

    /** The sessions currently open. */
    public Set<CallSession> sessions() {
        return core.sessions();
    }

    /**
     * Stops accepting and closes every session at once (calls in flight fail with {@code ABORTED}), then releases
     * the threads. Idempotent; blocks until done.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Stops accepting, lets every session finish its running calls for up to {@code drain} (new calls are refused
     * with a retryable error meanwhile) and writes what they queued, then closes as {@link #close()} does. Blocks
     * until done: at most {@code drain} plus a second.
     */
    public void closeGracefully(Duration drain) {
        core.close(Durations.positive(drain, "drain"));
    }
}
