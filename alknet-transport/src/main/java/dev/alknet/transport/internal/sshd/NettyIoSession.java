package dev.alknet.transport.internal.sshd;

import dev.alknet.core.TransportInfo;
import dev.alknet.transport.SshPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.forward.TcpipClientChannel;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.DefaultCloseFuture;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * A MINA {@link IoSession} on a Netty {@link Channel}. Writes enter the pipeline at the bridge handler, so they pass
 * through whatever sits in front of SSH (TLS, WebSocket framing) on their way out.
 */
public final class NettyIoSession extends AbstractCloseable implements IoSession {

    private static final AtomicLong IDS = new AtomicLong();
    /** Queued behind the inbound bytes when the peer ended its output. */
    private static final Object END_OF_INPUT = new Object();

    private final long id = IDS.incrementAndGet();
    private final NettyIoService service;
    private final ChannelHandlerContext ctx;
    private final Channel channel;
    private final SocketAddress remoteAddress;
    private final SocketAddress acceptanceAddress;
    private final Map<Object, Object> attributes = new HashMap<>();
    /*
     * MINA calls writeBuffer from the event loop and from other threads, relying on call order being wire order
     * (it encrypts under a lock and then writes). A direct ctx.write from the event loop would overtake writes that
     * other threads had already handed to the loop, so every write goes through this queue in call order.
     */
    private final Queue<PendingWrite> writes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /*
     * Inbound gate. MINA's forwarders call suspendRead() while a forwarded chunk is on its way into the SSH channel
     * and must not be handed the next one before resumeRead(): a second write into the channel's async stream
     * throws WritePendingException and the forwarder drops the connection. Netty's autoRead is only a hint (a read()
     * requested earlier, e.g. by a resumeRead() from another thread, still reads once after autoRead went off), so
     * the gate is enforced here: while suspended, bytes and the end of input queue up in arrival order and are
     * handed over on resumeRead(). autoRead mirrors the gate so that a suspended session stops reading its socket.
     * The queue and the flags below it are touched on the event loop only.
     */
    private volatile boolean readSuspended;
    /** Whether MINA ever suspended reading; only then does the gate own autoRead (front handlers may use it). */
    private volatile boolean gateUsed;
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private boolean delivering;
    private boolean inputEnded;
    private boolean outputShut;

    NettyIoSession(NettyIoService service, ChannelHandlerContext ctx) {
        this.service = service;
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.remoteAddress = channel.remoteAddress();
        this.acceptanceAddress = channel.parent() == null ? null : channel.parent().localAddress();
    }

    /** The Netty channel under a MINA session, if the session runs on this bridge. */
    public static Optional<Channel> channelOf(IoSession session) {
        return session instanceof NettyIoSession netty ? Optional.of(netty.channel) : Optional.empty();
    }

    /**
     * What the transport knows about the connection under a MINA session: the front handlers' description, plain
     * TCP by default, and empty when the session does not run on this bridge.
     */
    public static Optional<TransportInfo> transportInfoOf(IoSession session) {
        return channelOf(session).map(ch -> ch.attr(SshPipeline.TRANSPORT_INFO).get());
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public long getId() {
        return id;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return remoteAddress;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return channel.localAddress();
    }

    @Override
    public SocketAddress getAcceptanceAddress() {
        return acceptanceAddress;
    }

    @Override
    public IoService getService() {
        return service;
    }

    @Override
    public Object getAttribute(Object key) {
        synchronized (attributes) {
            return attributes.get(key);
        }
    }

    @Override
    public Object setAttribute(Object key, Object value) {
        synchronized (attributes) {
            return attributes.put(key, value);
        }
    }

    @Override
    public Object setAttributeIfAbsent(Object key, Object value) {
        synchronized (attributes) {
            return attributes.putIfAbsent(key, value);
        }
    }

    @Override
    public Object removeAttribute(Object key) {
        synchronized (attributes) {
            return attributes.remove(key);
        }
    }

    /**
     * Sends the buffer's readable bytes without copying them: like MINA's own NIO2 back-end, this relies on MINA not
     * touching a buffer until its write future completes. The future completes once Netty flushed the bytes to the
     * socket (or the handler in front of the bridge took them), or failed when the channel broke.
     */
    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) {
        WriteFuture future = new WriteFuture(this);
        if (isClosing()) {
            future.setValue(new ClosedChannelException());
            return future;
        }
        ByteBuf data = Unpooled.wrappedBuffer(buffer.array(), buffer.rpos(), buffer.available());
        writes.add(new PendingWrite(data, future));
        if (channel.eventLoop().inEventLoop()) {
            drainWrites();
        } else if (drainScheduled.compareAndSet(false, true)) {
            runOnLoop(this::drainWrites);
        }
        return future;
    }

    private void drainWrites() {
        drainScheduled.set(false);
        boolean wrote = false;
        for (PendingWrite write = writes.poll(); write != null; write = writes.poll()) {
            WriteFuture future = write.future();
            ctx.write(write.data()).addListener(f -> completeAsInternal(future, f.isSuccess() ? Boolean.TRUE : f.cause()));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /*
     * The listeners of a write future (e.g. a channel stream writing its next packet) run on the event loop, so they
     * must run marked internal like every other call the bridge makes into MINA. Otherwise a channel data write
     * made while a key exchange is under way blocks the thread until the exchange ends, and that thread is the one
     * that would read the peer's key exchange messages: the session hangs until its idle timeout.
     */
    private static void completeAsInternal(WriteFuture future, Object value) {
        try {
            ThreadUtils.runAsInternal(() -> {
                future.setValue(value);
                return null;
            });
        } catch (Exception e) {
            // setValue only notifies listeners; MINA's futures catch what their listeners throw.
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code task} on the channel's event loop; false (and pending writes failed) once the loop is gone. */
    private boolean runOnLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            failPendingWrites();
            return false;
        }
    }

    private void failPendingWrites() {
        for (PendingWrite write = writes.poll(); write != null; write = writes.poll()) {
            write.data().release();
            write.future().setValue(new ClosedChannelException());
        }
    }

    /** Holds back inbound bytes until {@link #resumeRead()}; may be called from any thread. */
    @Override
    public void suspendRead() {
        gateUsed = true;
        readSuspended = true;
        channel.config().setAutoRead(false);
    }

    /** Hands over what was held back, in order, then reads on; may be called from any thread. */
    @Override
    public void resumeRead() {
        readSuspended = false;
        if (channel.eventLoop().inEventLoop()) {
            deliverInbound();
        } else {
            runOnLoop(this::deliverInbound);
        }
    }

    /** Bytes from the socket, on the event loop. The session takes ownership. */
    void received(ByteBuf buf) {
        if (isClosed()) {
            buf.release();
            return;
        }
        inbound.add(buf);
        deliverInbound();
    }

    /** The peer's end of stream (half-closure on), on the event loop: handled after the bytes before it. */
    void inputShutdown() {
        if (isClosed()) {
            return;
        }
        inbound.add(END_OF_INPUT);
        deliverInbound();
    }

    /** The channel went away: bytes not yet handed over are dropped. */
    void discardInbound() {
        for (Object item = inbound.poll(); item != null; item = inbound.poll()) {
            ReferenceCountUtil.release(item);
        }
    }

    /*
     * Not re-entrant: MINA's write listener may call resumeRead() from inside messageReceived; the loop that is
     * already running hands over the next item once the current call returned, so the stack never grows.
     */
    private void deliverInbound() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (!readSuspended && !isClosed()) {
                Object next = inbound.poll();
                if (next == null) {
                    break;
                }
                if (next == END_OF_INPUT) {
                    endOfInput();
                } else {
                    deliver((ByteBuf) next);
                }
            }
        } finally {
            delivering = false;
        }
        if (isClosed()) {
            discardInbound();
        } else if (gateUsed && !readSuspended && inbound.isEmpty() && !inputEnded) {
            channel.config().setAutoRead(true);
            // A suspendRead() from another thread may have come between the check and the set.
            if (readSuspended) {
                channel.config().setAutoRead(false);
            }
        }
    }

    private void deliver(ByteBuf buf) {
        IoHandler handler = service.handler;
        try {
            ThreadUtils.runAsInternal(() -> {
                handler.messageReceived(this, new ByteBufReadable(buf));
                return null;
            });
        } catch (Throwable e) {
            exceptionCaught(e);
        } finally {
            buf.release();
        }
    }

    /** MINA decides what an error means (usually: close the session); if even that fails, drop the connection. */
    void exceptionCaught(Throwable cause) {
        try {
            service.handler.exceptionCaught(this, cause);
        } catch (Throwable e) {
            close(true);
        }
    }

    /*
     * MINA's IoHandler has no end-of-input callback; its NIO2 back-end closes the session on end of stream, which
     * cuts off the reply to a client that half-closed. For MINA's forwarding channels (-L on a client, -R on a
     * server) the bridge passes the half-close on instead: closing the channel's async input stream gracefully
     * sends SSH_MSG_CHANNEL_EOF once the bytes before it were sent, and the session stays open for the reply until
     * the other side's EOF shut its output too (or the channel closes). Any other handler gets a graceful close.
     */
    private void endOfInput() {
        inputEnded = true;
        channel.config().setAutoRead(false);
        Object forwarding = getAttribute(TcpipClientChannel.class);
        if (forwarding instanceof TcpipClientChannel tcpip && tcpip.getAsyncIn() != null && tcpip.isOpen()) {
            tcpip.getAsyncIn().close(false);
            if (outputShut) {
                close(false);
            }
        } else {
            close(false);
        }
    }

    /**
     * Half-close after everything written so far. Netty's own shutdownOutput() fails whatever still waits in the
     * channel's outbound buffer (a slow reader leaves up to a high-water mark there), so the output is shut only
     * once a flush queued behind every earlier write completed. With the input already ended, that was the last
     * thing the connection had to do, and the session closes.
     */
    @Override
    public void shutdownOutputStream() {
        runOnLoop(() -> {
            drainWrites();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                if (!flushed.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                    return;
                }
                duplex.shutdownOutput().addListener(shut -> {
                    outputShut = true;
                    if (inputEnded) {
                        close(false);
                    }
                });
            });
        });
    }

    /** Lets pending writes reach the socket first: the close waits for a flush queued behind them. */
    @Override
    protected CloseFuture doCloseGracefully() {
        DefaultCloseFuture flushed = new DefaultCloseFuture(toString(), futureLock);
        boolean queued = runOnLoop(() -> {
            drainWrites();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> flushed.setClosed());
        });
        if (!queued) {
            flushed.setClosed();
        }
        return flushed;
    }

    @Override
    protected void doCloseImmediately() {
        failPendingWrites();
        channel.close().addListener(f -> NettyIoSession.super.doCloseImmediately());
    }

    @Override
    public String toString() {
        return "NettyIoSession[" + id + "]";
    }

    private record PendingWrite(ByteBuf data, WriteFuture future) {
    }

    private static final class WriteFuture extends AbstractIoWriteFuture {
        WriteFuture(Object id) {
            super(id, null);
        }
    }
}
