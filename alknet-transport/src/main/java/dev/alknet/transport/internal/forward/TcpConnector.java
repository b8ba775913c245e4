package dev.alknet.transport.internal.forward;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.Tunnel;
import dev.alknet.transport.internal.proxy.ProxyHandlers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Makes the TCP connection behind a direct tunnel: resolving, connecting, and the optional proxy handshake. */
public final class TcpConnector {

    private final EventLoopGroup group;
    private final OutboundProxy proxy;
    private final long timeoutMillis;

    /** @param proxy {@code null} to connect directly */
    public TcpConnector(EventLoopGroup group, OutboundProxy proxy, Duration timeout) {
        this.group = group;
        this.proxy = proxy;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Opens a tunnel to {@code host:port}. Called on one of the group's event loops (as the SSH server does from a
     * session's loop), the connection is registered on that same loop: each packet then goes from the session to
     * the socket without crossing threads, where another loop would cost two task hand-offs and wake-ups per packet.
     */
    public CompletableFuture<Tunnel> open(String host, int port) {
        EventLoopGroup loop = callingLoop();
        if (proxy == null) {
            return Resolver.resolve(host)
                    .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .thenCompose(addresses -> connectFirst(loop, addresses, 0, port))
                    .exceptionallyCompose(error -> CompletableFuture.failedFuture(ConnectFailures.direct(error)));
        }
        // The proxy resolves the destination, so it travels unresolved; only the proxy's own name is looked up.
        InetSocketAddress destination = InetSocketAddress.createUnresolved(host, port);
        return Resolver.resolve(proxy.address().host())
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .thenCompose(addresses -> connect(loop, destination,
                        ProxyHandlers.create(proxy, new InetSocketAddress(addresses[0], proxy.address().port()),
                                timeoutMillis)))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(ConnectFailures.proxied(error)));
    }

    private EventLoopGroup callingLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return (EventLoop) executor;
            }
        }
        return group;
    }

    // Tries the addresses in order, as a name may resolve to an address family the destination doesn't listen on.
    private CompletableFuture<Tunnel> connectFirst(EventLoopGroup loop, InetAddress[] addresses, int index, int port) {
        CompletableFuture<Tunnel> attempt = connect(loop, new InetSocketAddress(addresses[index], port), null);
        if (index + 1 == addresses.length) {
            return attempt;
        }
        return attempt.handle((tunnel, error) -> error == null
                        ? CompletableFuture.completedFuture(tunnel)
                        : connectFirst(loop, addresses, index + 1, port))
                .thenCompose(Function.identity());
    }

    /**
     * Connects to {@code address}, or with a proxy handler to the proxy, which the handler then asks for
     * {@code address}. No resolver: an unresolved destination must reach the proxy as a name, not be looked up.
     */
    private CompletableFuture<Tunnel> connect(EventLoopGroup loop, InetSocketAddress address,
            ProxyHandler proxyHandler) {
        CompletableFuture<Tunnel> result = new CompletableFuture<>();
        ChannelTunnel[] tunnel = new ChannelTunnel[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (proxyHandler != null) {
                            channel.pipeline().addLast(proxyHandler);
                        }
                        tunnel[0] = ChannelTunnel.attach(channel);
                    }
                });
        ChannelFuture connected = bootstrap.connect(address);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            } else if (proxyHandler == null) {
                result.complete(tunnel[0]);
            } else {
                proxyHandler.connectFuture().addListener(p -> {
                    if (p.isSuccess()) {
                        result.complete(tunnel[0]);
                    } else {
                        connected.channel().close();
                        result.completeExceptionally(p.cause());
                    }
                });
            }
        });
        return result;
    }
}
