package dev.alknet.callproto.net;

import dev.alknet.callproto.CallSession;
import java.net.InetSocketAddress;
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

    /** Stops accepting, closes every session and releases the threads. Idempotent; blocks until done. */
    @Override
    public void close() {
        core.close();
    }
}
