package dev.alknet.transport.internal.sshd;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.RemoteWindow;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Sends bytes on an SSH channel with one copy: each chunk goes straight from the Netty buffer into an
 * {@code SSH_MSG_CHANNEL_DATA} packet buffer laid out the way MINA's channel stream sends without copying again
 * (header room in front, padding and MAC room behind). Handing MINA a plain buffer instead costs two more copies
 * per packet, plus a third when the buffer is larger than the peer's packet size.
 */
public final class ChannelData {

    /** Message type, recipient channel and data length, between the packet header and the data. */
    private static final int DATA_PREAMBLE = 1 + 4 + 4;

    private ChannelData() {
    }

    /**
     * Writes all readable bytes of {@code data} to {@code out}, one packet at a time, and releases {@code data}. The
     * caller must not write to {@code out} again before the returned future completes.
     */
    public static CompletableFuture<Void> write(Channel channel, IoOutputStream out, ByteBuf data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(channel, out, data, done);
        return done;
    }

    private static void next(Channel channel, IoOutputStream out, ByteBuf data, CompletableFuture<Void> done) {
        if (!data.isReadable()) {
            data.release();
            done.complete(null);
            return;
        }
        RemoteWindow window = channel.getRemoteWindow();
        long room = window.getSize() > 0 ? Math.min(window.getPacketSize(), window.getSize()) : window.getPacketSize();
        int length = (int) Math.max(1, Math.min(data.readableBytes(), room));
        Buffer packet = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, DATA_PREAMBLE + length);
        int start = packet.wpos() + DATA_PREAMBLE - 1;
        packet.wpos(start);
        packet.rpos(start);
        packet.ensureCapacity(length);
        data.readBytes(packet.array(), start, length);
        packet.wpos(start + length);
        try {
            out.writeBuffer(packet).addListener(written -> {
                if (written.isWritten()) {
                    next(channel, out, data, done);
                } else {
                    data.release();
                    done.completeExceptionally(written.getException());
                }
            });
        } catch (IOException | RuntimeException e) {
            data.release();
            done.completeExceptionally(e);
        }
    }
}
