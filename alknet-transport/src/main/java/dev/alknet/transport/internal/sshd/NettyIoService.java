package dev.alknet.transport.internal.sshd;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.helpers.AbstractSessionIoHandler;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/** What acceptor and connector share: the MINA handler, the live sessions and the event listener. */
abstract class NettyIoService extends AbstractCloseable implements IoService {

    final NettyIoServiceFactory factory;
    final IoHandler handler;
    private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();
    private volatile IoServiceEventListener eventListener;

    NettyIoService(NettyIoServiceFactory factory, IoHandler handler) {
        this.factory = factory;
        this.handler = handler;
        this.eventListener = factory.getIoServiceEventListener();
    }

    /**
     * Whether this service carries SSH sessions (the server's listener, the client's connection) rather than
     * forwarded TCP (-R listeners, direct-tcpip targets); only SSH connections get the pipeline hooks.
     */
    final boolean carriesSsh() {
        return handler instanceof AbstractSessionIoHandler;
    }

    /** Called by a session when it starts; refuses once the service closes so no session outlives it. */
    final void register(NettyIoSession session) {
        if (isClosing()) {
            throw new CancellationException("I/O service closed");
        }
        sessions.put(session.getId(), session);
        if (isClosing()) {
            sessions.remove(session.getId());
            throw new CancellationException("I/O service closed");
        }
    }

    final void unregister(NettyIoSession session) {
        sessions.remove(session.getId());
    }

    /** Closes every live session at once; used when the service itself closes. */
    final void closeSessions() {
        for (IoSession session : sessions.values()) {
            session.close(true);
        }
    }

    @Override
    public Map<Long, IoSession> getManagedSessions() {
        return Collections.unmodifiableMap(sessions);
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return eventListener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        eventListener = listener;
    }
}
