package dev.alknet.transport.internal.sshd;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.SshPipeline;
import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.internal.proxy.ProxyHandlers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Outbound connections for MINA: the SSH client's connection to its server (which runs the client
 * {@link SshPipeline.Hook}) and the server's {@code direct-tcpip} target connections.
 */
final class NettyIoConnector extends NettyIoService implements IoConnector {

    private static final int DEFAULT_PROXY_TIMEOUT_MILLIS = 30_000;

    NettyIoConnector(NettyIoServiceFactory factory, IoHandler handler) {
        super(factory, handler);
    }

    /**
     * Connects without blocking. The future gets the session once MINA created it, or a
     * {@link ConnectFailedException} (refused, unreachable, timed out) or the channel's own failure.
     */
    @Override
    public IoConnectFuture connect(SocketAddress target, AttributeRepository context, SocketAddress localAddress) {
        IoConnectFuture future = new DefaultIoConnectFuture(this, null);
        if (isClosing()) {
            future.setException(new ClosedChannelException());
            return future;
        }
        OutboundProxy proxy = carriesSsh() ? factory.clientProxy : null;
        // Resolved here, on the caller's thread (MINA resolves its targets the same way), never on an event loop.
        InetSocketAddress proxyAddress = proxy == null ? null
                : new InetSocketAddress(proxy.address().host(), proxy.address().port());
        if (proxyAddress != null && proxyAddress.isUnresolved()) {
            future.setException(new ConnectFailedException(TunnelOpenException.Reason.UNREACHABLE,
                    "cannot resolve the proxy's address"));
            return future;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(factory.loops.worker())
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) throws Exception {
                        SshPipeline.Start start;
                        if (proxy != null) {
                            ch.pipeline().addLast("proxy", ProxyHandlers.create(proxy, proxyAddress,
                                    connectTimeoutMillis()));
                            ProxyReadyGate gate = new ProxyReadyGate();
                            ch.pipeline().addLast("proxy-gate", gate);
                            gate.leaveStartTo(factory.clientHook.install(ch));
                            start = SshPipeline.Start.ON_READY;
                        } else if (carriesSsh()) {
                            start = factory.clientHook.install(ch);
                        } else {
                            // Forwarded TCP: end of stream must queue behind bytes held back by suspendRead(),
                            // not close the channel under them (see NettyIoSession).
                            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                            start = SshPipeline.Start.NOW;
                        }
                        ch.pipeline().addLast("sshd-bridge", new SessionBridgeHandler(NettyIoConnector.this, start,
                                future, context));
                    }
                });
        if (proxy != null) {
            // The proxy handler dials the proxy and hands it the target, as a name when unresolved.
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        SocketOptions.applyConnectionOptions(factory.manager, bootstrap::option);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.get(factory.manager)
                .filter(d -> !d.isZero() && !d.isNegative())
                .ifPresent(d -> bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, clampMillis(d)));
        ChannelFuture connecting = localAddress == null
                ? bootstrap.connect(target)
                : bootstrap.connect(target, localAddress);
        connecting.addListener(f -> onConnected(connecting, future, context));
        future.addListener(f -> {
            if (f.isCanceled()) {
                connecting.cancel(false);
                connecting.channel().close();
            }
        });
        return future;
    }

    private void onConnected(ChannelFuture connecting, IoConnectFuture future, AttributeRepository context) {
        Channel ch = connecting.channel();
        if (!connecting.isSuccess()) {
            future.setException(connecting.isCancelled()
                    ? new CancellationException("connect cancelled")
                    : ConnectFailedException.classify(connecting.cause()));
            return;
        }
        IoServiceEventListener listener = getIoServiceEventListener();
        if (listener == null) {
            return;
        }
        try {
            listener.connectionEstablished(this, ch.localAddress(), context, ch.remoteAddress());
        } catch (Exception e) {
            future.setException(e);
            ch.close();
        }
    }

    private long connectTimeoutMillis() {
        return CoreModuleProperties.IO_CONNECT_TIMEOUT.get(factory.manager)
                .filter(d -> !d.isZero() && !d.isNegative())
                .map(NettyIoConnector::clampMillis)
                .orElse(DEFAULT_PROXY_TIMEOUT_MILLIS);
    }

    private static int clampMillis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
