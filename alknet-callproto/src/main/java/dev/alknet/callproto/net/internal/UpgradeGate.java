package dev.alknet.callproto.net.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a connection's upgrade request before any WebSocket handler sees it: another path gets 404, a web page
 * whose origin is not allowed gets 403 (before its token is looked at), a token that does not verify (or none, when one is required) gets 401 with {@code WWW-Authenticate: Bearer}, and no session
 * starts. Otherwise {@code admit} installs the WebSocket handlers behind this one for the peer it was given, the
 * request (its token parameter redacted) goes on to them, and this handler leaves the pipeline.
 */
public final class UpgradeGate extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

    private final UpgradeAuth auth;
    private final TransportInfo transport;
    private final BiConsumer<ChannelHandlerContext, Identity> admit;
    private boolean decided;

    public UpgradeGate(UpgradeAuth auth, TransportInfo transport, BiConsumer<ChannelHandlerContext, Identity> admit) {
        this.auth = auth;
        this.transport = transport;
        this.admit = admit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided || !(msg instanceof FullHttpRequest request)) {
            // Anything after the one request is pipelining ahead of an answer: not for a WebSocket endpoint.
            ReferenceCountUtil.release(msg);
            return;
        }
        decided = true;
        if (request.decoderResult().isFailure()) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, null);
            return;
        }
        if (!new QueryStringDecoder(request.uri()).path().equals(auth.path())) {
            LOG.debug("WebSocket upgrade from {} for another path: {}", transport.remoteIp(),
                    UpgradeTokens.redact(request.uri()));
            refuse(ctx, request, HttpResponseStatus.NOT_FOUND, null);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!auth.origins().admits(origin)) {
            LOG.debug("WebSocket upgrade from {} refused for origin {}", transport.remoteIp(), origin);
            refuse(ctx, request, HttpResponseStatus.FORBIDDEN, null);
            return;
        }
        Optional<String> token;
        try {
            token = UpgradeTokens.find(request, auth.queryToken());
        } catch (IllegalArgumentException e) {
            auth.rejectedMalformed(transport);
            refuse(ctx, request, HttpResponseStatus.UNAUTHORIZED, "Bearer error=\"invalid_token\"");
            return;
        }
        request.setUri(UpgradeTokens.redact(request.uri()));
        if (token.isEmpty()) {
            if (auth.requireToken()) {
                refuse(ctx, request, HttpResponseStatus.UNAUTHORIZED, "Bearer");
            } else {
                pass(ctx, request, Identity.anonymous());
            }
            return;
        }
        verifyElsewhere(ctx, request, token.get());
    }

    private void verifyElsewhere(ChannelHandlerContext ctx, FullHttpRequest request, String token) {
        // Nothing else is read meanwhile: the upgrade must be answered before the client sends anything.
        ctx.channel().config().setAutoRead(false);
        try {
            auth.verifying().execute(() -> {
                Identity peer = auth.verify(token, transport);
                ctx.executor().execute(() -> {
                    ctx.channel().config().setAutoRead(true);
                    if (peer == null) {
                        refuse(ctx, request, HttpResponseStatus.UNAUTHORIZED, "Bearer error=\"invalid_token\"");
                    } else {
                        pass(ctx, request, peer);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            // The server is closing.
            request.release();
            ctx.close();
        }
    }

    private void pass(ChannelHandlerContext ctx, FullHttpRequest request, Identity peer) {
        admit.accept(ctx, peer);
        ctx.fireChannelRead(request);
        ctx.pipeline().remove(this);
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String challenge) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        request.release();
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (challenge != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
