package dev.alknet.callproto.net.internal;

import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.internal.SessionEngine;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.transport.DuplexStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A WebSocket connection (after the upgrade) as the length-prefixed {@link DuplexStream} a
 * {@link CallSession} runs on: one envelope per message, the lengths added for the session's reader and taken off
 * its output. This keeps one session engine for every transport (its bad-frame handling, back-pressure and close
 * semantics included) at the cost of one copy per inbound message.
 *
 * <p>Closing sends a close frame whose code says why: 1000 normally, 1007 when the session ended on a message it
 * could not decode, 1011 when no session could be started. A session's close reason is only known once the stream
 * is bound to it, so a stream that expects a session ({@link #awaitingSession}) sends its close frame then.
 */
public final class MessageStream implements DuplexStream {

    /** How long a close frame may take to go out before the connection is dropped anyway (a peer not reading). */
    private static final long CLOSE_GRACE_SECONDS = 2;

    private final Channel channel;
    private final TransportInfo info;
    private final MessageInput input;
    private final MessageOutput output;
    private final CompletableFuture<Supplier<WebSocketCloseStatus>> closeStatus;
    private final AtomicBoolean closing = new AtomicBoolean();

    private MessageStream(Channel channel, TransportInfo info,
            CompletableFuture<Supplier<WebSocketCloseStatus>> closeStatus) {
        this.channel = channel;
        this.info = info;
        this.closeStatus = closeStatus;
        this.input = new MessageInput(channel);
        this.output = new MessageOutput(channel, this::sendClose);
    }

    /** For a session started elsewhere: the close code is 1000. */
    public static MessageStream standalone(Channel channel, TransportInfo info) {
        return new MessageStream(channel, info, CompletableFuture.completedFuture(() -> WebSocketCloseStatus
                .NORMAL_CLOSURE));
    }

    /** For a session this code starts: call {@link #bind} or {@link #refused} next. */
    public static MessageStream awaitingSession(Channel channel, TransportInfo info) {
        return new MessageStream(channel, info, new CompletableFuture<>());
    }

    /** The session running on this stream; its close reason picks the close code. */
    public void bind(CallSession session) {
        closeStatus.complete(() -> statusFor(session.closeReason()));
    }

    /** No session could be started: close with 1011. */
    public void refused() {
        closeStatus.complete(() -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR);
        close();
    }

    /** The Netty handler that feeds this stream; goes last in the pipeline, after the frame aggregator. */
    public MessageFeed feed(Runnable upgraded) {
        return new MessageFeed(input, upgraded);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public void close() {
        input.close();
        output.abandon();
        sendClose();
    }

    /** Once: the close frame, then the connection ends (what is queued for reading is read until then). */
    private void sendClose() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeStatus.thenAccept(status -> {
            if (!channel.isActive()) {
                channel.close();
                return;
            }
            // Queued behind any message still being written; the peer answers with its close frame.
            channel.writeAndFlush(new CloseWebSocketFrame(status.get())).addListener(ChannelFutureListener.CLOSE);
            try {
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                // The event loops are shut down (the client or server closed first): the connection is gone.
                channel.close();
            }
        });
    }

    private static WebSocketCloseStatus statusFor(String reason) {
        return reason != null && reason.startsWith(SessionEngine.MALFORMED_FRAME)
                ? WebSocketCloseStatus.INVALID_PAYLOAD_DATA : WebSocketCloseStatus.NORMAL_CLOSURE;
    }
}
