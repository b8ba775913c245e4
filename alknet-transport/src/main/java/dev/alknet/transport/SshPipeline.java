package dev.alknet.transport;

import dev.alknet.core.TransportInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;

/**
 * How handlers that sit in front of SSH on a Netty pipeline (TLS, stealth detection, WebSocket framing) cooperate
 * with the SSH bridge, which is always the last handler of the pipeline.
 *
 * <p>A {@link Hook} adds the front handlers when a connection is accepted. If it answers {@link Start#ON_READY},
 * the SSH session is created only when a handler fires {@link #READY} down the pipeline, so nothing (not even the
 * SSH identification line) is sent before, say, stealth detection decided that the peer speaks SSH. Bytes that
 * reach the bridge before that are kept and handed to SSH once it starts.
 *
 * <p>Front handlers describe the connection by setting {@link #TRANSPORT_INFO} on the channel before SSH starts;
 * the bridge defaults it to plain TCP with the channel's remote address.
 */
public final class SshPipeline {

    /** The user event that starts a deferred SSH session: {@code ctx.fireUserEventTriggered(SshPipeline.READY)}. */
    public static final Object READY = new Object() {
        @Override
        public String toString() {
            return "SshPipeline.READY";
        }
    };

    /** What the transport knows about the connection, read by the SSH server for policy checks and logs. */
    public static final AttributeKey<TransportInfo> TRANSPORT_INFO =
            AttributeKey.valueOf(SshPipeline.class, "transportInfo");

    private SshPipeline() {
    }

    /** When the SSH session starts on a new connection. */
    public enum Start {
        /** As soon as the connection is active. */
        NOW,
        /** When {@link #READY} reaches the end of the pipeline. */
        ON_READY
    }

    /** Installs handlers on a new SSH connection; they end up in front of the SSH bridge. */
    @FunctionalInterface
    public interface Hook {

        /** No front handlers: SSH right on the socket. */
        Hook NONE = channel -> Start.NOW;

        /**
         * Adds handlers to {@code channel.pipeline()} (with {@code addLast}); runs on the channel's event loop
         * before the connection is active, so it must not block.
         *
         * @throws Exception to refuse the connection, which is then closed
         */
        Start install(Channel channel) throws Exception;
    }

    /** Convenience for front handlers: fires {@link #READY} from {@code ctx} towards the bridge. */
    public static void fireReady(ChannelHandlerContext ctx) {
        ctx.fireUserEventTriggered(READY);
    }
}
