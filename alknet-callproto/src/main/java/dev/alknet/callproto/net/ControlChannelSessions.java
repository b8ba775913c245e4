package dev.alknet.callproto.net;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.transport.ControlChannelHandler;
import dev.alknet.transport.Tunnel;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the call protocol on the SSH control channel: each {@code alknet-control:0} channel an
 * {@link dev.alknet.transport.AlknetServer} accepts becomes a session whose peer is the identity the SSH login
 * resolved to.
 *
 * <pre>{@code
 * AlknetServer.builder()...controlChannelHandler(new ControlChannelSessions(SessionAcceptor.serving(registry)))
 * }</pre>
 *
 * <p>A client opens the channel as a {@code direct-tcpip} channel to {@value #HOST} port {@value #PORT} and wraps
 * the resulting {@link Tunnel} with {@link TunnelStream#over}. The forwarding policy must allow that destination
 * (the default policy allows everything; DESIGN §4.7).
 */
public final class ControlChannelSessions implements ControlChannelHandler {

    /** The reserved destination of the control channel (alknet-spec §2.4.2). */
    public static final String HOST = "alknet-control";
    public static final int PORT = 0;

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannelSessions.class);

    private final SessionAcceptor acceptor;

    public ControlChannelSessions(SessionAcceptor acceptor) {
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    }

    @Override
    public void open(Tunnel channel, Identity identity, TransportInfo transport) {
        TunnelStream stream = TunnelStream.over(channel, transport);
        try {
            acceptor.accept(stream, identity);
        } catch (RuntimeException e) {
            // A failing acceptor costs this channel only, never the SSH session's event loop.
            LOG.warn("control channel refused: the session acceptor failed", e);
            stream.close();
        }
    }
}
