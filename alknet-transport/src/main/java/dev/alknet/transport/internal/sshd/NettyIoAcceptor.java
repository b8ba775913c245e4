package dev.alknet.transport.internal.sshd;

import dev.alknet.transport.SshPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.BlockingOperationException;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Listening sockets for MINA: the SSH server's own listeners, and the server's {@code -R} listeners (MINA's
 * forwarder creates one acceptor per session). Only SSH listeners run the server's {@link SshPipeline.Hook}.
 */
final class NettyIoAcceptor extends NettyIoService implements IoAcceptor {

    /** Bound address (with the real port, when asked for port 0) to its listening channel. */
    private final Map<SocketAddress, Channel> listeners = new ConcurrentHashMap<>();
    private final ServerBootstrap bootstrap;

    NettyIoAcceptor(NettyIoServiceFactory factory, IoHandler handler) {
        super(factory, handler);
        bootstrap = new ServerBootstrap()
                .group(factory.loops.boss(), factory.loops.worker())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, CoreModuleProperties.SOCKET_BACKLOG.getRequired(factory.manager))
                .option(ChannelOption.SO_REUSEADDR, CoreModuleProperties.SOCKET_REUSEADDR.getRequired(factory.manager))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) throws Exception {
                        initAccepted(ch);
                    }
                });
        SocketOptions.applyConnectionOptions(factory.manager, bootstrap::childOption);
    }

    private void initAccepted(Channel ch) throws Exception {
        IoServiceEventListener listener = getIoServiceEventListener();
        SocketAddress service = ch.parent().localAddress();
        try {
            if (listener != null) {
                listener.connectionAccepted(this, ch.localAddress(), ch.remoteAddress(), service);
            }
            SshPipeline.Start start;
            if (carriesSsh()) {
                start = factory.serverHook.install(ch);
            } else {
                // Forwarded TCP: end of stream queues behind bytes held back by suspendRead(), and a client's
                // half-close must not cut off the reply (see NettyIoSession).
                ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                start = SshPipeline.Start.NOW;
            }
            ch.pipeline().addLast("sshd-bridge", new SessionBridgeHandler(this, start, null, null));
        } catch (Exception e) {
            if (listener != null) {
                listener.abortAcceptedConnection(this, ch.localAddress(), ch.remoteAddress(), service, e);
            }
            throw e;
        }
    }

    @Override
    public void bind(Collection<? extends SocketAddress> addresses) throws IOException {
        List<SocketAddress> done = new ArrayList<>();
        try {
            for (SocketAddress address : addresses) {
                done.add(bindOne(address));
            }
        } catch (IOException | RuntimeException e) {
            unbind(done);
            throw e;
        }
    }

    @Override
    public void bind(SocketAddress address) throws IOException {
        bindOne(address);
    }

    /**
     * Binds synchronously, as MINA expects. The bind runs on the boss loop, so this may wait on a worker loop (MINA
     * binds {@code -R} listeners while handling a session's input); binding is local and quick.
     */
    private SocketAddress bindOne(SocketAddress address) throws IOException {
        if (isClosing()) {
            throw new IOException("acceptor closed");
        }
        ChannelFuture bound = bootstrap.bind(address);
        try {
            bound.awaitUninterruptibly();
        } catch (BlockingOperationException e) {
            throw new IOException("bind called on the boss event loop; bind from another thread", e);
        }
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException("bind failed", cause);
        }
        Channel channel = bound.channel();
        SocketAddress local = channel.localAddress();
        listeners.put(local, channel);
        channel.closeFuture().addListener(f -> listeners.remove(local, channel));
        return local;
    }

    @Override
    public void unbind(Collection<? extends SocketAddress> addresses) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (SocketAddress address : addresses) {
            Channel channel = listeners.remove(address);
            if (channel != null) {
                closing.add(channel.close());
            }
        }
        // MINA re-binds the same port right after unbinding (e.g. cancel and re-request a -R forward).
        closing.forEach(ChannelFuture::awaitUninterruptibly);
    }

    @Override
    public void unbind(SocketAddress address) {
        unbind(List.of(address));
    }

    @Override
    public void unbind() {
        unbind(getBoundAddresses());
    }

    /** A fresh mutable set: MINA's forwarder edits the answer (removeAll) to find what a bind added. */
    @Override
    public Set<SocketAddress> getBoundAddresses() {
        return new HashSet<>(listeners.keySet());
    }

    /** Stops listening first so nothing new arrives, then drops the live connections; never waits. */
    @Override
    protected void doCloseImmediately() {
        for (Channel listener : listeners.values()) {
            listener.close();
        }
        listeners.clear();
        closeSessions();
        super.doCloseImmediately();
    }
}
