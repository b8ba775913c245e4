package dev.alknet.transport;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.TlsFiles;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real listener on 127.0.0.1 built with {@link ListenerFrontEnd}, whose "SSH" is an echo handler, and a
 * Netty client for it. Waits are hang guards only.
 */
final class TlsLoopback implements AutoCloseable {

    static final long GUARD_SECONDS = 20;

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    /** What the installer saw for each connection that reached "SSH". */
    final BlockingQueue<TransportInfo> sessions = new LinkedBlockingQueue<>();

    private TlsLoopback(ListenerFrontEnd frontEnd) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        frontEnd.install(ch, pipeline -> {
                            sessions.add(frontEnd.transportInfo(ch));
                            pipeline.addLast(new Echo());
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    static TlsLoopback tls(TlsFiles files) throws Exception {
        return new TlsLoopback(ListenerFrontEnd.create(ListenerConfig.tls(new HostPort("127.0.0.1", 0), files)));
    }

    static TlsLoopback stealth(TlsFiles files, Duration timeout) throws Exception {
        ListenerConfig config = ListenerConfig.tls(new HostPort("127.0.0.1", 0), files).toBuilder()
                .stealth(true).build();
        return new TlsLoopback(ListenerFrontEnd.create(config, timeout));
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Connects with {@code tls}, sends {@code payload} once the handshake is done and collects what comes
     * back until the server closes or {@code expected} bytes arrived. Completes exceptionally with the
     * handshake failure.
     */
    CompletableFuture<byte[]> exchange(ClientTls tls, String host, byte[] payload, int expected) {
        return exchange(tls, host, List.of(payload), expected);
    }

    /** As above, sending each of {@code writes} as its own flush (and so its own TLS record). */
    CompletableFuture<byte[]> exchange(ClientTls tls, String host, List<byte[]> writes, int expected) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc(), host, port());
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                writes.forEach(w -> ch.writeAndFlush(Unpooled.wrappedBuffer(w)));
                            } else {
                                result.completeExceptionally(f.cause());
                            }
                        });
                        ch.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                try {
                                    byte[] bytes = new byte[buf.readableBytes()];
                                    buf.readBytes(bytes);
                                    received.writeBytes(bytes);
                                } finally {
                                    buf.release();
                                }
                                if (received.size() >= expected) {
                                    result.complete(received.toByteArray());
                                    ctx.close();
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                result.complete(received.toByteArray());
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                result.completeExceptionally(cause);
                                ctx.close();
                            }
                        });
                    }
                })
                .connect("127.0.0.1", port());
        return result;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** The stand-in SSH handler: echoes every byte. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
