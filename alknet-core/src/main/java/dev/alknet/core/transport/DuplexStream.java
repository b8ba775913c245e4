package dev.alknet.core.transport;

import dev.alknet.core.TransportInfo;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connected, bidirectional byte stream as a transport hands it to the interface layer (SSH, raw framing).
 *
 * <p>Closing {@link #output()} is a half-close: the peer reads end-of-stream once it has drained what was written,
 * while {@link #input()} keeps working. {@link #close()} ends both directions. Blocking reads and writes respond
 * to {@link Thread#interrupt()} with an {@link java.io.InterruptedIOException}.
 */
public interface DuplexStream extends Closeable {

    /** Bytes from the peer; the same instance on every call. */
    InputStream input();

    /** Bytes to the peer; the same instance on every call. */
    OutputStream output();

    /** What the transport knows about this connection. */
    TransportInfo info();

    /** Ends both directions; idempotent. */
    @Override
    void close() throws IOException;
}
