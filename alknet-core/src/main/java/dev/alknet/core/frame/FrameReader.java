package dev.alknet.core.frame;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Reads envelopes from a blocking stream. It reads in chunks and may read past the frame it returns, so once
 * handed to a reader the stream belongs to it. Not thread-safe: one reading thread.
 */
public final class FrameReader implements Closeable {

    private static final int CHUNK_BYTES = 16 * 1024;

    private final InputStream in;
    private final FrameDecoder decoder;
    private final ArrayDeque<EventEnvelope> ready = new ArrayDeque<>();
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private FrameException failure;

    public FrameReader(InputStream in) {
        this(in, FrameCodec.defaults());
    }

    public FrameReader(InputStream in, FrameCodec codec) {
        this.in = Objects.requireNonNull(in, "in");
        this.decoder = new FrameDecoder(codec);
    }

    /**
     * Blocks for the next envelope.
     *
     * @return the envelope, or {@code null} when the stream ended cleanly between frames
     * @throws FrameException when a frame is malformed or oversize, or the stream ends inside one
     *     ({@code TRUNCATED}); the reader is unusable afterwards
     */
    public EventEnvelope read() throws IOException {
        while (ready.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            int n = in.read(chunk);
            try {
                if (n < 0) {
                    decoder.finish();
                    return null;
                }
                decoder.feed(chunk, 0, n, ready::add);
            } catch (FrameException e) {
                // Envelopes that preceded the bad frame in this chunk are still delivered, then the failure.
                failure = e;
            }
        }
        return ready.poll();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
