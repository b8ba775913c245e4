package dev.alknet.transport.internal.forward;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Tunnel} over a connected Netty channel. The channel runs with autoRead off and reads only while a
 * {@link #read()} waits, so inbound bytes are pulled: at most one socket read cycle is ever queued here.
 * All state is touched on the channel's event loop only.
 */
public final class ChannelTunnel extends ChannelInboundHandlerAdapter implements Tunnel {

    private final Channel channel;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private CompletableFuture<ByteBuf> pendingRead;
    private final Runnable flush = this::flushNow;
    private boolean inputDone;
    private Throwable failure;
    private boolean flushScheduled;

    private ChannelTunnel(Channel channel) {
        this.channel = channel;
    }

    /** Adds the tunnel as the last handler of an active channel that has autoRead off and half-closure on. */
    public static ChannelTunnel attach(Channel channel) {
        ChannelTunnel tunnel = new ChannelTunnel(channel);
        channel.pipeline().addLast(tunnel);
        return tunnel;
    }

    @Override
    public CompletableFuture<ByteBuf> read() {
        CompletableFuture<ByteBuf> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> startRead(result));
        return result;
    }

    private void startRead(CompletableFuture<ByteBuf> result) {
        if (pendingRead != null) {
            result.completeExceptionally(new IllegalStateException("a read is already outstanding"));
        } else if (!queue.isEmpty()) {
            result.complete(queue.poll());
        } else if (failure != null) {
            result.completeExceptionally(failure);
        } else if (inputDone) {
            result.complete(null);
        } else {
            pendingRead = result;
            channel.read();
        }
    }

    /**
     * Writes {@code data}; completes once it reached the socket. Writes made on the channel's event loop are flushed
     * together by a task that runs after the loop's current I/O: an SSH read that decodes several packets then costs
     * one socket write instead of one per packet.
     */
    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        if (!channel.eventLoop().inEventLoop()) {
            return toFuture(channel.writeAndFlush(data));
        }
        CompletableFuture<Void> written = toFuture(channel.write(data));
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flush);
        }
        return written;
    }

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
    }

    /** Half-closes once the writes made before reached the socket, so none of them is dropped. */
    @Override
    public CompletableFuture<Void> shutdownOutput() {
        return toFuture(Splice.shutdownOutputAfterWrites(channel));
    }

    @Override
    public void close() {
        // Writes still waiting for their batched flush go out first, as they did before batching.
        channel.flush();
        channel.close();
        channel.eventLoop().execute(() -> {
            queue.forEach(ByteBuf::release);
            queue.clear();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        if (pendingRead != null) {
            CompletableFuture<ByteBuf> waiting = pendingRead;
            pendingRead = null;
            waiting.complete(buf);
        } else {
            queue.add(buf);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // A read cycle can end with nothing read (e.g. a zero-length read); keep reading for the waiting caller.
        if (pendingRead != null) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            endInput(null);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The cause may name the destination; callers log what they get, so hand on a neutral error.
        endInput(new IOException("tunnel connection failed: " + cause.getClass().getSimpleName()));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Queued bytes stay readable: the peer's last data may still be waiting to be pulled. close() frees them.
        endInput(null);
    }

    private void endInput(Throwable cause) {
        if (inputDone) {
            return;
        }
        inputDone = true;
        failure = cause;
        if (pendingRead != null) {
            CompletableFuture<ByteBuf> waiting = pendingRead;
            pendingRead = null;
            if (cause != null) {
                waiting.completeExceptionally(cause);
            } else {
                waiting.complete(null);
            }
        }
    }

    private static CompletableFuture<Void> toFuture(ChannelFuture future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new IOException("tunnel write failed: "
                        + f.cause().getClass().getSimpleName()));
            }
        });
        return result;
    }
}
