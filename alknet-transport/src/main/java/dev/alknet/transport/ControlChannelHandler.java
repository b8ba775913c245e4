package dev.alknet.transport;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;

/**
 * Takes the reserved {@code alknet-control:0} channel of an authenticated SSH session (alknet-spec §2.4.2): the
 * call protocol plugs in here. Without one, {@link AlknetServer} refuses such channels.
 *
 * <p>The forwarding policy has already allowed the destination for this identity and transport when
 * {@link #open} runs, and the channel is confirmed to the client.
 */
@FunctionalInterface
public interface ControlChannelHandler {

    /**
     * Takes over an open control channel. Runs on an event loop, so it must not block; the handler owns
     * {@code channel} from then on and closes it when done (closing the SSH session closes it as well).
     *
     * @param channel the channel's bytes, with the flow control of {@link Tunnel}
     * @param identity who authenticated the session
     * @param transport how the session reached the server
     */
    void open(Tunnel channel, Identity identity, TransportInfo transport);
}
