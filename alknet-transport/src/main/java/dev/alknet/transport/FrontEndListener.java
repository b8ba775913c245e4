package dev.alknet.transport;

import dev.alknet.transport.internal.forward.LocalForwardHandler;
import dev.alknet.transport.internal.socks.SocksPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A client-side front end listening on a local port: the SOCKS5 server or a {@code -L} forward. Each accepted
 * connection gets its own tunnel from the opener; a failure closes that connection only. The caller owns the
 * event loop group, which must run NIO channels.
 */
public final class FrontEndListener implements AutoCloseable {

    /** How long a SOCKS5 client may take from connecting to sending its CONNECT request, unless set otherwise. */
    public static final Duration DEFAULT_SOCKS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final Channel server;

    private FrontEndListener(Channel server) {
        this.server = server;
    }

    /**
     * A SOCKS5 server (no authentication, CONNECT only) on {@code bind}. Host names from clients go to the opener
     * unresolved.
     */
    public static CompletableFuture<FrontEndListener> socks5(EventLoopGroup group, InetSocketAddress bind,
            TunnelOpener opener) {
        return socks5(group, bind, opener, DEFAULT_SOCKS_HANDSHAKE_TIMEOUT);
    }

    /** As {@link #socks5(EventLoopGroup, InetSocketAddress, TunnelOpener)}, closing clients idle past the timeout. */
    public static CompletableFuture<FrontEndListener> socks5(EventLoopGroup group, InetSocketAddress bind,
            TunnelOpener opener, Duration handshakeTimeout) {
        Objects.requireNonNull(opener, "opener");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive, got " + handshakeTimeout);
        }
        return bind(group, bind, new SocksPipeline(opener, handshakeTimeout));
    }

    /** A {@code -L} listener on {@code forward.bind()} tunnelling each connection to {@code forward.target()}. */
    public static CompletableFuture<FrontEndListener> localForward(EventLoopGroup group, LocalForward forward,
            TunnelOpener opener) {
        Objects.requireNonNull(opener, "opener");
        InetSocketAddress bind = new InetSocketAddress(forward.bind().host(), forward.bind().port());
        return bind(group, bind, new LocalForwardHandler(opener, forward.target().host(), forward.target().port()));
    }

    private static CompletableFuture<FrontEndListener> bind(EventLoopGroup group, InetSocketAddress bind,
            ChannelHandler childHandler) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(bind, "bind");
        CompletableFuture<FrontEndListener> result = new CompletableFuture<>();
        new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(childHandler)
                .bind(bind)
                .addListener(f -> {
                    if (f.isSuccess()) {
                        result.complete(new FrontEndListener(((ChannelFuture) f).channel()));
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                });
        return result;
    }

    /** The address actually bound, e.g. to learn the port picked for port 0. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /**
     * Stops accepting; connections already accepted keep running. Waits for the port to be released unless
     * called on an event loop, which must not block. Idempotent.
     */
    @Override
    public void close() {
        ChannelFuture closed = server.close();
        if (!server.eventLoop().inEventLoop()) {
            closed.awaitUninterruptibly();
        }
    }
}
