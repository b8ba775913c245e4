package dev.alknet.transport.internal.socks;

import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpener;
import dev.alknet.transport.internal.forward.Splice;
import dev.alknet.transport.internal.forward.Tunnels;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.socksx.SocksPortUnificationServerHandler;
import io.netty.handler.codec.socksx.v4.DefaultSocks4CommandResponse;
import io.netty.handler.codec.socksx.v4.Socks4CommandRequest;
import io.netty.handler.codec.socksx.v4.Socks4CommandStatus;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SOCKS5 client connection (RFC 1928 subset: no authentication, CONNECT only). Sits behind Netty's
 * {@link SocksPortUnificationServerHandler}, which picks the SOCKS4 or SOCKS5 decoders from the first byte and
 * closes on anything else. Targets go to the opener as received, so domain names are never resolved here, and
 * are never logged.
 */
public final class Socks5ServerHandler extends ChannelInboundHandlerAdapter {

    private final TunnelOpener opener;
    private final Duration handshakeTimeout;
    private ScheduledFuture<?> timeout;
    private boolean opening;
    private boolean inputShutdown;
    // Bytes a client sent right behind its CONNECT request, before the reply; they go first into the tunnel.
    private final List<ByteBuf> early = new ArrayList<>();

    public Socks5ServerHandler(TunnelOpener opener, Duration handshakeTimeout) {
        this.opener = opener;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> ctx.close(), handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        early.forEach(ByteBuf::release);
        early.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DecoderResultProvider && !((DecoderResultProvider) msg).decoderResult().isSuccess()) {
                ctx.close();
            } else if (msg instanceof Socks5InitialRequest) {
                greeting(ctx, (Socks5InitialRequest) msg);
            } else if (msg instanceof Socks5CommandRequest && !opening) {
                command(ctx, (Socks5CommandRequest) msg);
            } else if (msg instanceof ByteBuf && opening) {
                early.add(((ByteBuf) msg).retain());
            } else if (msg instanceof Socks4CommandRequest) {
                ctx.writeAndFlush(new DefaultSocks4CommandResponse(Socks4CommandStatus.REJECTED_OR_FAILED))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void greeting(ChannelHandlerContext ctx, Socks5InitialRequest greeting) {
        if (!greeting.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Right behind the greeting decoder, so a request that came in the same read is decoded too.
        String greetingDecoder = ctx.pipeline().context(Socks5InitialRequestDecoder.class).name();
        ctx.pipeline().addAfter(greetingDecoder, null, new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest request) {
        if (request.type() != Socks5CommandType.CONNECT) {
            reply(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        timeout.cancel(false);
        opening = true;
        ctx.channel().config().setAutoRead(false);
        Tunnels.openThen(opener, request.dstAddr(), request.dstPort(), ctx.channel(), tunnel -> {
            reply(ctx, Socks5CommandStatus.SUCCESS);
            // Removing the decoders hands their leftover bytes to this handler, so they join the early bytes.
            SocksPipeline.removeCodecs(ctx.pipeline());
            early.forEach(tunnel::write);
            early.clear();
            ctx.pipeline().remove(this);
            Splice.start(ctx.channel(), tunnel);
            if (inputShutdown) {
                // The client finished sending while the tunnel opened; the splice passes that on.
                ctx.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
        }, failure -> reply(ctx, statusFor(failure)).addListener(ChannelFutureListener.CLOSE));
    }

    private static ChannelFuture reply(ChannelHandlerContext ctx, Socks5CommandStatus status) {
        return ctx.writeAndFlush(new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4, "0.0.0.0", 0));
    }

    static Socks5CommandStatus statusFor(TunnelOpenException failure) {
        switch (failure.reason()) {
            case PROHIBITED:
                return Socks5CommandStatus.FORBIDDEN;
            case CONNECTION_REFUSED:
                return Socks5CommandStatus.CONNECTION_REFUSED;
            case UNREACHABLE:
                return Socks5CommandStatus.HOST_UNREACHABLE;
            default:
                return Socks5CommandStatus.FAILURE;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            if (!opening) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Junk input or a reset: this connection only, and nothing about its target in any log.
        ctx.close();
    }
}
