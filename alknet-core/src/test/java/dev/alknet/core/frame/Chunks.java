package dev.alknet.core.frame;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** Test helpers that cut byte streams into chunks, the way networks and SSH channels deliver them. */
final class Chunks {

    private Chunks() {
    }

    /** Concatenated frames of the envelopes. */
    static byte[] frames(FrameCodec codec, List<EventEnvelope> envelopes) throws FrameException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (EventEnvelope envelope : envelopes) {
            out.writeBytes(codec.encode(envelope));
        }
        return out.toByteArray();
    }

    /** Cuts {@code bytes} into chunks whose sizes cycle through {@code sizes}. */
    static List<byte[]> split(byte[] bytes, List<Integer> sizes) {
        List<byte[]> chunks = new ArrayList<>();
        int position = 0;
        for (int i = 0; position < bytes.length; i++) {
            int size = Math.min(sizes.get(i % sizes.size()), bytes.length - position);
            chunks.add(Arrays.copyOfRange(bytes, position, position + size));
            position += size;
        }
        return chunks;
    }

    /** A stream whose reads never return more than the rest of the current chunk. */
    static InputStream stream(List<byte[]> chunks) {
        Iterator<byte[]> next = chunks.iterator();
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                while (position == current.length) {
                    if (!next.hasNext()) {
                        return -1;
                    }
                    current = next.next();
                    position = 0;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }
}
