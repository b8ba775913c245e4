package dev.alknet.callproto.net;

import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.internal.NetThreads;
import dev.alknet.core.Identity;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.transport.DuplexStream;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the call-protocol servers (raw framing, WebSocket) share: their threads, their bound listeners and their
 * open sessions, and how an admitted connection becomes a session.
 */
final class ServerCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCore.class);

    private final String kind;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    /** Blocking work that must stay off the event loops: first frames, signature checks, session starts. */
    final ExecutorService admitting;
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final Set<CallSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param kind names the threads ({@code alknet-<kind>-io-N}) and the log lines */
    ServerCore(String kind) {
        this.kind = kind;
        this.boss = NetThreads.loops("alknet-" + kind + "-accept", 1);
        this.workers = NetThreads.loops("alknet-" + kind + "-io", 0);
        this.admitting = NetThreads.blocking("alknet-" + kind + "-admit");
    }

    /** @throws IOException naming the address when it cannot be bound */
    void bind(ListenerConfig listener, ChannelHandler connections) throws IOException {
        try {
            listeners.add(new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(connections)
                    .bind(listener.listen().host(), listener.listen().port()).sync().channel());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + listener.listen(), e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + listener.listen() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the session of an admitted connection and tracks it until it closes.
     *
     * @param refused runs when the acceptor threw (logged), to end the connection
     * @return the session, or null when refused
     */
    CallSession start(SessionAcceptor acceptor, DuplexStream stream, Identity peer, Runnable refused) {
        CallSession session;
        try {
            session = acceptor.accept(stream, peer);
        } catch (RuntimeException e) {
            LOG.warn("{} session refused: the session acceptor failed", kind, e);
            refused.run();
            return null;
        }
        sessions.add(session);
        session.closeFuture().whenComplete((ignored, failure) -> sessions.remove(session));
        return session;
    }

    List<InetSocketAddress> listenAddresses() {
        return listeners.stream().map(channel -> (InetSocketAddress) channel.localAddress()).toList();
    }

    Set<CallSession> sessions() {
        return Set.copyOf(sessions);
    }

    /** Stops accepting, closes every session and releases the threads. Idempotent; blocks until done. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Stops accepting, gives the open sessions up to {@code drain} to finish their running calls (new ones are
     * refused meanwhile), then closes whatever is left and releases the threads.
     */
    void close(Duration drain) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.forEach(channel -> channel.close().syncUninterruptibly());
        admitting.shutdownNow();
        if (!drain.isZero()) {
            CompletableFuture<?>[] draining = sessions.stream().map(session -> session.closeGracefully(drain))
                    .toArray(CompletableFuture<?>[]::new);
            try {
                // The sessions force themselves closed at the drain's end; the extra second covers their flush.
                CompletableFuture.allOf(draining).get(drain.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("{} sessions did not all close within the drain: {}", kind, e.toString());
            }
        }
        sessions.forEach(CallSession::close);
        NetThreads.shutdown(boss);
        NetThreads.shutdown(workers);
    }
}
