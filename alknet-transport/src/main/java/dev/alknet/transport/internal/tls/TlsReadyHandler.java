package dev.alknet.transport.internal.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Installs the SSH handlers on a plain TLS listener once the handshake has succeeded, so they start with the
 * SNI name known and never write into a connection that fails its handshake; then removes itself. A failed
 * handshake is left to the {@code SslHandler}, which closes the connection.
 */
public final class TlsReadyHandler extends ChannelInboundHandlerAdapter {

    private final Consumer<ChannelPipeline> onReady;

    public TlsReadyHandler(Consumer<ChannelPipeline> onReady) {
        this.onReady = Objects.requireNonNull(onReady, "onReady");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            onReady.accept(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
