package dev.alknet.transport.internal.forward;

import dev.alknet.transport.TunnelOpener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Per accepted {@code -L} connection: opens a tunnel to the fixed target and splices. A failed open closes this
 * connection only. The channel has autoRead off, so nothing is read before the tunnel exists.
 */
@ChannelHandler.Sharable
public final class LocalForwardHandler extends ChannelInboundHandlerAdapter {

    private final TunnelOpener opener;
    private final String host;
    private final int port;

    public LocalForwardHandler(TunnelOpener opener, String host, int port) {
        this.opener = opener;
        this.host = host;
        this.port = port;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
        Tunnels.openThen(opener, host, port, ctx.channel(), tunnel -> Splice.start(ctx.channel(), tunnel),
                error -> ctx.channel().close());
        ctx.fireChannelActive();
    }
}
