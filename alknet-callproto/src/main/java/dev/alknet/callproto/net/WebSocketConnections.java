package dev.alknet.callproto.net;

import dev.alknet.callproto.net.internal.MessageStream;
import dev.alknet.callproto.net.internal.UpgradeAuth;
import dev.alknet.callproto.net.internal.UpgradeGate;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.transport.ListenerFrontEnd;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Sets up each connection one WebSocket listener accepts, up to the hand-off to its session. */
final class WebSocketConnections extends ChannelInitializer<SocketChannel> {

    /** An upgrade request has no body. */
    private static final int MAX_REQUEST_BODY = 0;

    private final ListenerFrontEnd frontEnd;
    private final Duration upgradeTimeout;
    private final UpgradeAuth auth;
    private final FrameCodec codec;
    private final ExecutorService admitting;
    private final BiConsumer<MessageStream, Identity> sessions;

    WebSocketConnections(ListenerFrontEnd frontEnd, Duration upgradeTimeout, UpgradeAuth auth, FrameCodec codec,
            ExecutorService admitting, BiConsumer<MessageStream, Identity> sessions) {
        this.frontEnd = frontEnd;
        this.upgradeTimeout = upgradeTimeout;
        this.auth = auth;
        this.codec = codec;
        this.admitting = admitting;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        // One timer covers TLS, the upgrade request and its token check: a silent peer holds nothing for long.
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, upgradeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> deadline.cancel(false));
        frontEnd.install(channel, pipeline -> pipeline.addLast(new HttpServerCodec(),
                new HttpObjectAggregator(MAX_REQUEST_BODY),
                new UpgradeGate(auth, frontEnd.transportInfo(channel), (ctx, peer) -> admit(ctx, peer, deadline))));
    }

    /** On the event loop, once the request was accepted: the WebSocket handlers answer it with the upgrade. */
    private void admit(ChannelHandlerContext gate, Identity peer, ScheduledFuture<?> deadline) {
        SocketChannel channel = (SocketChannel) gate.channel();
        TransportInfo info = frontEnd.transportInfo(channel);
        MessageStream stream = MessageStream.awaitingSession(channel, info);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(auth.path())
                // The gate matched the path exactly; what follows it is a query string.
                .checkStartsWith(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(codec.maxFrameBytes())
                        .build())
                .build();
        gate.pipeline().addAfter(gate.name(), null, new WebSocketServerProtocolHandler(config));
        gate.pipeline().addLast(new WebSocketFrameAggregator(codec.maxFrameBytes()), stream.feed(() -> {
            deadline.cancel(false);
            try {
                // Starting a session starts threads, and the acceptor is the application's: not on the event loop.
                admitting.execute(() -> sessions.accept(stream, peer));
            } catch (RejectedExecutionException e) {
                stream.refused();
            }
        }));
    }
}
