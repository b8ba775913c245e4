package dev.alknet.transport.internal.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the SSH handlers on a plain TLS listener once the handshake has succeeded, so they start with the
 * SNI name known and never write into a connection that fails its handshake; then removes itself. A failed
 * handshake closes the connection.
 */
public final class TlsReadyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsReadyHandler.class);

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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Still here means the handshake never succeeded: a client that refused our certificate or spoke no
        // TLS. Routine on a public port, so it is closed quietly instead of reaching the pipeline's tail.
        LOG.debug("TLS handshake failed: {}", cause.getClass().getSimpleName());
        ctx.close();
    }
}
