package dev.alknet.transport.internal.sshd;

import io.netty.buffer.ByteBuf;
import org.apache.sshd.common.util.Readable;

/**
 * Shows a {@link ByteBuf} to MINA without copying. Valid only during the {@code messageReceived} call it is passed
 * to: MINA copies what it keeps (its decoders and forwarders all do), and the bridge releases the buffer afterwards.
 */
final class ByteBufReadable implements Readable {

    private final ByteBuf buf;

    ByteBufReadable(ByteBuf buf) {
        this.buf = buf;
    }

    @Override
    public int available() {
        return buf.readableBytes();
    }

    @Override
    public void getRawBytes(byte[] data, int offset, int len) {
        buf.readBytes(data, offset, len);
    }
}
