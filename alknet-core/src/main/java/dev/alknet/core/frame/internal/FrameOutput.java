package dev.alknet.core.frame.internal;

import dev.alknet.core.frame.FrameException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects one frame in memory: the header slot first, then the body as Jackson writes it. It refuses to grow past
 * the frame limit, so encoding a runaway payload fails early instead of building the whole oversize body first.
 */
public final class FrameOutput extends OutputStream {

    private final int maxBodyBytes;
    private byte[] bytes = new byte[256];
    private int count = FrameFormat.HEADER_BYTES;

    public FrameOutput(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void write(int b) throws FrameException {
        ensureRoom(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) throws FrameException {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    /** Fills in the header and returns the frame in an array of its exact size. */
    public byte[] toFrame() {
        FrameFormat.writeLength(bytes, 0, count - FrameFormat.HEADER_BYTES);
        return Arrays.copyOf(bytes, count);
    }

    private void ensureRoom(int more) throws FrameException {
        long body = (long) count - FrameFormat.HEADER_BYTES + more;
        if (body > maxBodyBytes) {
            throw FrameErrors.oversizeEncoded(body, maxBodyBytes);
        }
        if (count + more > bytes.length) {
            int wanted = (int) Math.min(Math.max((long) bytes.length * 2, (long) count + more),
                    (long) maxBodyBytes + FrameFormat.HEADER_BYTES);
            bytes = Arrays.copyOf(bytes, wanted);
        }
    }
}
