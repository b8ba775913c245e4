package dev.alknet.transport.internal.stealth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells SSH clients from everything else on a stealth listener (one per connection, after the
 * {@link SslHandler}). It holds the first reads until they add up to 8 bytes: if those are {@code SSH-2.0-} it
 * calls {@code onSsh} to install the SSH handlers after itself, passes every byte it held on unchanged (in the
 * reads they arrived in) and removes itself. Anything else gets nginx's bare 404 and the connection is closed:
 * as soon as a byte departs from {@code SSH-2.0-}, or on end of input or the timeout with fewer than 8 bytes.
 *
 * <p>It holds at most 7 bytes plus the read that completes the 8. The timeout starts when application data
 * can first arrive: when the TLS handshake completes, or on activation without TLS. SSH clients (OpenSSH
 * included) send their banner at once without waiting for the server's, so the default of a few seconds only
 * has to cover one network trip. Only the category of what arrived is logged, never the bytes.
 */
public final class StealthDetector extends ChannelInboundHandlerAdapter {

    /** What every non-SSH client gets, byte for byte. */
    public static final byte[] NOT_FOUND =
            "HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SSH_PREFIX = "SSH-2.0-".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(StealthDetector.class);

    private enum State { WAITING, SSH, REFUSED }

    private final Duration timeout;
    private final Consumer<ChannelPipeline> onSsh;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private int heldBytes;
    private State state = State.WAITING;
    private ScheduledFuture<?> timer;

    public StealthDetector(Duration timeout, Consumer<ChannelPipeline> onSsh) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stealth timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.onSsh = Objects.requireNonNull(onSsh, "onSsh");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startTimerUnlessTls(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimerUnlessTls(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.WAITING || !(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!buf.isReadable()) {
            buf.release();
            return;
        }
        held.add(buf);
        heldBytes += buf.readableBytes();
        if (!prefixSoFarMatches()) {
            refuse(ctx, "not ssh-2.0");
        } else if (heldBytes >= SSH_PREFIX.length) {
            passToSsh(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing downstream has seen a read yet; the SSH hand-off fires its own read-complete.
        if (state == State.WAITING && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (state == State.WAITING) {
            if (evt instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
                startTimer(ctx);
            } else if (evt == ChannelInputShutdownEvent.INSTANCE || evt instanceof SslCloseCompletionEvent) {
                refuse(ctx, heldBytes == 0 ? "empty" : "short");
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Still here means no SSH session exists: a failed handshake or a prober resetting the connection.
        // Nothing is worth answering or reporting beyond the category.
        if (state == State.WAITING) {
            LOG.debug("stealth: connection failed before the client was identified");
        }
        state = State.REFUSED;
        discard();
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private boolean prefixSoFarMatches() {
        int index = 0;
        for (ByteBuf buf : held) {
            for (int i = buf.readerIndex(); i < buf.writerIndex() && index < SSH_PREFIX.length; i++, index++) {
                if (buf.getByte(i) != SSH_PREFIX[index]) {
                    return false;
                }
            }
        }
        return true;
    }

    private void passToSsh(ChannelHandlerContext ctx) {
        state = State.SSH;
        cancelTimer();
        LOG.debug("stealth: ssh client");
        try {
            onSsh.accept(ctx.pipeline());
        } catch (RuntimeException e) {
            discard();
            ctx.close();
            throw e;
        }
        while (!held.isEmpty()) {
            ctx.fireChannelRead(held.poll());
        }
        heldBytes = 0;
        ctx.fireChannelReadComplete();
        ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, String category) {
        state = State.REFUSED;
        discard();
        LOG.debug("stealth: {} client, answered 404", category);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(NOT_FOUND)).addListener(ChannelFutureListener.CLOSE);
    }

    private void startTimerUnlessTls(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            startTimer(ctx);
        }
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer == null && state == State.WAITING) {
            timer = ctx.executor().schedule(() -> {
                if (state == State.WAITING) {
                    refuse(ctx, heldBytes == 0 ? "silent" : "short");
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void discard() {
        cancelTimer();
        while (!held.isEmpty()) {
            held.poll().release();
        }
        heldBytes = 0;
    }
}
