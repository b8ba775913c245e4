package dev.alknet.transport;

import dev.alknet.transport.internal.forward.ChannelTunnel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * One open byte tunnel to a destination: an SSH {@code direct-tcpip} channel, a direct TCP connection, or a
 * connection through an outbound proxy. Front ends (SOCKS5, {@code -L} listeners, {@code openChannel}) splice a
 * local connection onto it without knowing which.
 *
 * <p>Flow control is explicit in both directions: a caller keeps at most one {@link #read()} outstanding and
 * issues the next only when it can take more, and waits for a {@link #write} future before writing again when
 * it must not buffer. Neither method ever drops bytes.
 */
public interface Tunnel extends AutoCloseable {

    /**
     * A tunnel over a connected Netty socket channel (plain or behind an {@code SslHandler}), added as the last
     * handler of its pipeline. The channel must have autoRead off, so that bytes are read only while a
     * {@link #read()} waits, and {@code ALLOW_HALF_CLOSURE} on, so that the peer's end of output reads as
     * end of stream. Call it on the channel's event loop or before the channel is registered.
     */
    static Tunnel attach(Channel channel) {
        return ChannelTunnel.attach(channel);
    }

    /**
     * The next chunk from the destination. Completes with a buffer the caller now owns (and must release), or
     * with {@code null} once the destination has finished sending. Completes exceptionally with an
     * {@link java.io.IOException} when the tunnel broke before that end (e.g. the SSH session dropped), so a
     * truncated stream is never taken for a complete one. At most one read may be outstanding.
     */
    CompletableFuture<ByteBuf> read();

    /**
     * Sends {@code data} towards the destination, taking ownership of it. The future completes when the tunnel
     * can accept more without unbounded buffering, or exceptionally when the tunnel broke.
     */
    CompletableFuture<Void> write(ByteBuf data);

    /** Half-close: the destination sees end of stream; reading continues. */
    CompletableFuture<Void> shutdownOutput();

    /** Closes both directions at once and releases anything buffered. Idempotent. */
    @Override
    void close();
}
