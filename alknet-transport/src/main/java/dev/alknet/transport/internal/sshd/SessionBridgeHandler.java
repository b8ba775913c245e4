package dev.alknet.transport.internal.sshd;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.transport.SshPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * The last handler of every bridged pipeline: creates the MINA session when the connection is ready and hands it
 * the inbound bytes.
 *
 * <p>Threading: MINA's handler runs on the channel's event loop, one call at a time per session, exactly as MINA's
 * NIO2 back-end runs it on its completion threads. MINA marks its own I/O-path writes as "internal" so they queue
 * rather than block during key exchange; the bridge marks every call the same way, so a write MINA makes while
 * handling input can never park the event loop waiting for output that only this loop could flush.
 */
final class SessionBridgeHandler extends ChannelInboundHandlerAdapter {

    private final NettyIoService service;
    private final SshPipeline.Start start;
    /** Completed with the session for outbound connections; null for accepted ones. */
    private final IoConnectFuture connectFuture;
    /** The connect call's context, which MINA's client session reads back from the I/O session. */
    private final AttributeRepository context;
    /** Bytes that front handlers passed on before the session started. */
    private final Queue<ByteBuf> early = new ArrayDeque<>();
    private boolean ready;
    /** The peer's end of stream arrived before the session started. */
    private boolean earlyEnd;
    private NettyIoSession session;

    SessionBridgeHandler(NettyIoService service, SshPipeline.Start start, IoConnectFuture connectFuture,
            AttributeRepository context) {
        this.service = service;
        this.start = start;
        this.connectFuture = connectFuture;
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(SshPipeline.TRANSPORT_INFO)
                .setIfAbsent(TransportInfo.of(ctx.channel().remoteAddress(), TransportKind.TCP));
        if (start == SshPipeline.Start.NOW || ready) {
            startSession(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownEvent.INSTANCE) {
            // Only connections with half-closure on (forwarded TCP) see this; SSH connections close on EOF.
            if (session == null) {
                earlyEnd = true;
            } else {
                session.inputShutdown();
            }
            return;
        }
        if (event != SshPipeline.READY) {
            ReferenceCountUtil.release(event);
            return;
        }
        ready = true;
        if (session == null && ctx.channel().isActive()) {
            startSession(ctx);
        }
    }

    private void startSession(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            // Closed while connecting (a refusing event listener); channelInactive settles the connect future.
            return;
        }
        NettyIoSession created = new NettyIoSession(service, ctx);
        if (context != null) {
            created.setAttribute(AttributeRepository.class, context);
        }
        try {
            service.register(created);
            ThreadUtils.runAsInternal(() -> {
                service.handler.sessionCreated(created);
                return null;
            });
        } catch (Throwable e) {
            service.unregister(created);
            created.close(true);
            if (connectFuture != null) {
                connectFuture.setException(e);
            }
            return;
        }
        session = created;
        if (connectFuture != null) {
            connectFuture.setSession(created);
            if (connectFuture.getSession() != created) {
                // The caller cancelled the connect meanwhile.
                created.close(true);
                return;
            }
        }
        for (ByteBuf buf = early.poll(); buf != null; buf = early.poll()) {
            created.received(buf);
        }
        if (earlyEnd) {
            created.inputShutdown();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new IllegalStateException(
                    "a handler in front of SSH passed a " + msg.getClass().getName() + " instead of bytes"));
            return;
        }
        if (session == null) {
            early.add(buf);
        } else {
            session.received(buf);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session == null) {
            if (connectFuture != null) {
                connectFuture.setException(cause);
            }
            ctx.close();
        } else {
            session.exceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ByteBuf buf = early.poll(); buf != null; buf = early.poll()) {
            buf.release();
        }
        NettyIoSession ended = session;
        if (ended != null) {
            ended.discardInbound();
        }
        if (ended == null) {
            if (connectFuture != null) {
                connectFuture.setException(new ClosedChannelException());
            }
            return;
        }
        service.unregister(ended);
        try {
            service.handler.sessionClosed(ended);
        } catch (Throwable e) {
            // MINA may find its session already detached while it closes; nothing is left to tell it.
        } finally {
            ended.close(true);
        }
    }
}
