package dev.alknet.callproto.net;

import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.core.Identity;
import dev.alknet.core.transport.DuplexStream;
import java.util.Objects;

/**
 * Turns an accepted, authenticated stream into a session: what {@link CallServer} and {@link ControlChannelSessions}
 * do with each connection or control channel. The stream's {@link DuplexStream#info()} says how the peer came in.
 */
@FunctionalInterface
public interface SessionAcceptor {

    /**
     * Starts a session on {@code stream}; must not block (it may run on a network thread). Throwing closes the
     * stream.
     *
     * @param peer who the interface layer authenticated ({@link Identity#anonymous()} for raw framing without a
     *     token)
     */
    CallSession accept(DuplexStream stream, Identity peer);

    /** Every peer gets a session serving {@code registry} (e.g. a {@link dev.alknet.callproto.Head}'s). */
    static SessionAcceptor serving(OperationRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return (stream, peer) -> CallSession.builder(stream, peer).registry(registry).start();
    }
}
