package dev.alknet.callproto.net;

import dev.alknet.callproto.net.internal.TunnelInput;
import dev.alknet.callproto.net.internal.TunnelOutput;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.transport.DuplexStream;
import dev.alknet.transport.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A {@link Tunnel} as a blocking {@link DuplexStream}, so that a {@link dev.alknet.callproto.CallSession} runs on
 * an SSH channel ({@code alknet-control:0}) or a raw framing connection.
 *
 * <p>Reading keeps the tunnel's one outstanding read and releases each buffer once drained; writing waits for the
 * previous write before the next (at most one in flight), so a peer that stops reading blocks the writer.
 * Closing {@link #output()} half-closes the tunnel; {@link #close()} closes it.
 */
public final class TunnelStream implements DuplexStream {

    private final Tunnel tunnel;
    private final TransportInfo info;
    private final TunnelInput input;
    private final TunnelOutput output;

    private TunnelStream(Tunnel tunnel, TransportInfo info) {
        this.tunnel = tunnel;
        this.info = info;
        this.input = new TunnelInput(tunnel);
        this.output = new TunnelOutput(tunnel);
    }

    /** The stream owns {@code tunnel} from now on. */
    public static TunnelStream over(Tunnel tunnel, TransportInfo info) {
        return new TunnelStream(Objects.requireNonNull(tunnel, "tunnel"), Objects.requireNonNull(info, "info"));
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
        // Closing the tunnel ends a read that waits in another thread; the input then drops what it held.
        tunnel.close();
        input.close();
    }
}
