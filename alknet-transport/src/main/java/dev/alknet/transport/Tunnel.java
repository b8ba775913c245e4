package dev.alknet.transport;

import io.netty.buffer.ByteBuf;
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
     * The next chunk from the destination. Completes with a buffer the caller now owns (and must release), or
     * with {@code null} once the destination has finished sending. At most one read may be outstanding.
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
