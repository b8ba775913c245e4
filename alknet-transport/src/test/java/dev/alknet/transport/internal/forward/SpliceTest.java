package dev.alknet.transport.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.transport.Tunnel;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SpliceTest {

    private static final int CHUNK = 16 * 1024;

    @AfterAll
    static void noLeaks() throws Exception {
        LeakRecorder.assertNoLeaks();
    }

    /**
     * The tunnel ends while bytes it already delivered still wait in the local channel's outbound buffer (the
     * reader is slow, the socket buffers are full): every one of them must still arrive before end of stream.
     * The tunnel below hands out chunks until it sees bytes queued in Netty, and then its end of stream, so the
     * case is reached every time rather than by timing.
     */
    @Test
    void theTunnelsEndOfStreamWaitsForBytesStillQueuedForASlowReader() throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        FillingTunnel tunnel = new FillingTunnel();
        Channel server = spliceServer(tunnel, local -> {
            tunnel.local = local;
            accepted.complete(local);
        });
        try (Socket reader = new Socket()) {
            reader.connect((InetSocketAddress) server.localAddress());
            reader.setSoTimeout(30_000);
            accepted.get(30, TimeUnit.SECONDS);
            // Nothing is read until the tunnel has ended with bytes still queued.
            long queuedAtEnd = tunnel.ended.get(30, TimeUnit.SECONDS);
            assertThat(queuedAtEnd).as("bytes queued in Netty when the tunnel ended").isPositive();

            InputStream in = reader.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long received = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != (byte) (received + i)) {
                        throw new AssertionError("byte " + (received + i) + " differs");
                    }
                }
                received += n;
            }
            assertThat(received).isEqualTo(tunnel.produced);
        } finally {
            server.close().sync();
        }
    }

    /**
     * A tunnel that breaks (its read fails, as when the SSH session drops) must not look like a clean end of
     * stream to the local application: the bytes before the failure arrive, then the connection is reset.
     */
    @Test
    void aBrokenTunnelResetsTheLocalConnectionAfterTheBytesBefore() throws Exception {
        CompletableFuture<ByteBuf> breaks = new CompletableFuture<>();
        Tunnel tunnel = new DiscardingTunnel() {
            private boolean greeted;

            @Override
            public CompletableFuture<ByteBuf> read() {
                if (!greeted) {
                    greeted = true;
                    return CompletableFuture.completedFuture(Unpooled.wrappedBuffer(new byte[] {'h', 'i'}));
                }
                return breaks;
            }
        };
        Channel server = spliceServer(tunnel, local -> { });
        try (Socket app = new Socket()) {
            app.connect((InetSocketAddress) server.localAddress());
            app.setSoTimeout(30_000);
            InputStream in = app.getInputStream();
            assertThat(in.readNBytes(2)).containsExactly('h', 'i');
            breaks.completeExceptionally(new IOException("the SSH session was lost"));
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        } finally {
            server.close().sync();
        }
    }

    /** Hands out numbered chunks while Netty has nothing queued, then its end of stream. */
    private static final class FillingTunnel extends DiscardingTunnel {
        volatile Channel local;
        volatile long produced;
        final CompletableFuture<Long> ended = new CompletableFuture<>();

        @Override
        public CompletableFuture<ByteBuf> read() {
            // Splice reads on the local channel's event loop, so the outbound buffer may be looked at here.
            long queued = local.config().getWriteBufferHighWaterMark() - local.bytesBeforeUnwritable();
            if (queued > 0) {
                ended.complete(queued);
                return CompletableFuture.completedFuture(null);
            }
            ByteBuf chunk = Unpooled.buffer(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                chunk.writeByte((int) (produced + i));
            }
            produced += CHUNK;
            return CompletableFuture.completedFuture(chunk);
        }

    }

    /** Splices each accepted loopback connection with {@code tunnel}; {@code onActive} sees the local channel. */
    private static Channel spliceServer(Tunnel tunnel, Consumer<Channel> onActive) throws InterruptedException {
        return new ServerBootstrap()
                .group(Loops.GROUP)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.pipeline().remove(this);
                        onActive.accept(ctx.channel());
                        Splice.start(ctx.channel(), tunnel);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** A tunnel whose far end swallows whatever is written to it; subclasses decide what reads give. */
    private abstract static class DiscardingTunnel implements Tunnel {
        @Override
        public CompletableFuture<Void> write(ByteBuf data) {
            data.release();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> shutdownOutput() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
