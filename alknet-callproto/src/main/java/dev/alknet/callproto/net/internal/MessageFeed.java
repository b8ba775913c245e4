package dev.alknet.callproto.net.internal;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a WebSocket pipeline: whole text and binary messages (continuations already aggregated) go to
 * the session's input, each as one envelope; the end of the upgrade is reported once; a message over the frame limit
 * closes the connection with 1009 (a single oversize frame is refused by Netty's decoder with the same code before
 * its payload is read). Text and binary are treated alike: the envelope is UTF-8 JSON either way.
 */
public final class MessageFeed extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageFeed.class);

    private final MessageInput input;
    private final Runnable upgraded;
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();

    MessageFeed(MessageInput input, Runnable upgraded) {
        this.input = input;
        this.upgraded = upgraded;
    }

    /** Completes when the upgrade succeeded, fails with why it did not (client side: e.g. a 401). */
    public CompletableFuture<Void> handshake() {
        return handshake;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                input.offer(((ByteBufHolder) msg).content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete
                || event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshake.complete(null);
            upgraded.run();
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new IOException("no WebSocket upgrade response in time"));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshake.completeExceptionally(new IOException("the connection closed during the WebSocket upgrade"));
        input.end();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshake.isDone()) {
            handshake.completeExceptionally(cause);
            ctx.close();
            return;
        }
        if (cause instanceof TooLongFrameException) {
            LOG.debug("WebSocket from {}: message over the frame limit", ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // The WebSocket decoder has sent its close frame for protocol violations (bad UTF-8 in text: 1007).
        LOG.debug("WebSocket from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
