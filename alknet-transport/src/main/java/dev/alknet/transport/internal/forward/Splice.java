package dev.alknet.transport.internal.forward;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Joins a local connection and a tunnel both ways with back-pressure. Local to tunnel: the channel reads one
 * cycle at a time (autoRead off) and the next read waits until the tunnel accepted every write of the last one.
 * Tunnel to local: one {@link Tunnel#read()} at a time, and the next only while the channel is writable. Either
 * side's end of stream half-closes the other; the pair closes once both directions ended. On an error (the tunnel
 * broke, the session dropped, a write failed) the local connection is reset rather than closed, so the application
 * sees a failure, not an end of stream that would pass a truncated transfer off as complete.
 * All state is touched on the local channel's event loop.
 */
public final class Splice extends ChannelInboundHandlerAdapter {

    private final Channel local;
    private final Tunnel tunnel;
    private int pendingWrites;
    private boolean localEof;
    private boolean toTunnelDone;
    private boolean toLocalDone;
    private boolean tunnelReadPending;
    private boolean closed;

    private Splice(Channel local, Tunnel tunnel) {
        this.local = local;
        this.tunnel = tunnel;
    }

    /**
     * Starts splicing; the caller passes ownership of both. The channel must have autoRead off and half-closure
     * allowed; call on its event loop.
     */
    public static void start(Channel local, Tunnel tunnel) {
        Splice splice = new Splice(local, tunnel);
        local.pipeline().addLast(splice);
        if (!local.isActive()) {
            splice.closeBoth();
            return;
        }
        local.read();
        splice.pumpToLocal();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed || !(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pendingWrites++;
        tunnel.write((ByteBuf) msg).whenComplete((ignored, error) -> onLoop(() -> {
            pendingWrites--;
            if (error != null) {
                abortBoth();
            } else {
                afterWrites();
            }
        }));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        afterWrites();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            localEof = true;
            afterWrites();
        }
        ctx.fireUserEventTriggered(evt);
    }

    // Reads on, or passes the local end of stream on, once the tunnel took everything read so far.
    private void afterWrites() {
        if (closed || pendingWrites > 0 || toTunnelDone) {
            return;
        }
        if (!localEof) {
            local.read();
            return;
        }
        toTunnelDone = true;
        tunnel.shutdownOutput().whenComplete((ignored, error) -> onLoop(() -> {
            if (error != null) {
                abortBoth();
            } else {
                closeIfDone();
            }
        }));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pumpToLocal();
        ctx.fireChannelWritabilityChanged();
    }

    private void pumpToLocal() {
        if (closed || toLocalDone || tunnelReadPending || !local.isWritable()) {
            return;
        }
        tunnelReadPending = true;
        CompletableFuture<ByteBuf> next = tunnel.read();
        next.whenComplete((buf, error) -> onLoop(() -> {
            tunnelReadPending = false;
            if (closed) {
                ReferenceCountUtil.release(buf);
            } else if (error != null) {
                abortBoth();
            } else if (buf == null) {
                toLocalDone = true;
                shutdownOutputAfterWrites(local).addListener(f -> closeIfDone());
            } else {
                local.writeAndFlush(buf).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                pumpToLocal();
            }
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        abortBoth();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeBoth();
        ctx.fireChannelInactive();
    }

    /**
     * Half-closes {@code channel} once every write queued before this call reached the socket. Netty's
     * {@code shutdownOutput()} on its own fails whatever still waits in the outbound buffer: with a slow reader up to
     * the high-water mark of bytes that were already accepted would be lost. Writes complete in order, so a flush
     * queued behind them completes only after all of them. A failed flush means the channel broke: no half-close,
     * and the returned future fails. May be called from any thread: the flush is ordered behind the writes
     * made before the call.
     */
    public static ChannelFuture shutdownOutputAfterWrites(Channel channel) {
        ChannelPromise done = channel.newPromise();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (flushed.isSuccess()) {
                ((DuplexChannel) channel).shutdownOutput(done);
            } else {
                done.setFailure(flushed.cause());
            }
        });
        return done;
    }

    private void closeIfDone() {
        if (toTunnelDone && toLocalDone) {
            closeBoth();
        }
    }

    private void closeBoth() {
        if (closed) {
            return;
        }
        closed = true;
        tunnel.close();
        local.close();
    }

    private void abortBoth() {
        if (!closed && local.isActive()) {
            // A zero linger time makes close() send RST; bytes still queued are dropped, as the stream is broken.
            local.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        closeBoth();
    }

    private void onLoop(Runnable task) {
        if (local.eventLoop().inEventLoop()) {
            task.run();
        } else {
            local.eventLoop().execute(task);
        }
    }
}
