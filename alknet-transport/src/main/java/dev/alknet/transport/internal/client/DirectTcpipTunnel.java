package dev.alknet.transport.internal.client;

import dev.alknet.transport.Tunnel;
import dev.alknet.transport.internal.sshd.ChannelData;
import dev.alknet.transport.internal.sshd.SessionLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * A {@link Tunnel} over an open {@code direct-tcpip} channel in MINA's async streaming mode. Reading maps to one
 * outstanding {@link IoInputStream#read}; MINA refills the SSH window only as data is taken, so a slow reader
 * stops the server. MINA accepts one write at a time, so writes are chained: each starts when the one before
 * was accepted by the channel, which in turn waits for the peer's window.
 *
 * <p>How reading ends: MINA's async stream ends a read only when the channel closes, and does not react to the
 * peer's {@code SSH_MSG_CHANNEL_EOF}. A server that half-closes (ours, OpenSSH) sends EOF and then waits for our
 * side before closing the channel, so the tunnel watches for EOF itself and ends the read with {@code null}.
 * A channel that closes without EOF (the session dropped, or the tunnel was closed under a read) fails the read
 * with an {@link IOException} instead, so a broken tunnel is not mistaken for a clean end.
 */
public final class DirectTcpipTunnel implements Tunnel {

    /** The most one read hands out; the rest stays in MINA's buffer for the next read. */
    private static final int MAX_CHUNK = 32 * 1024;

    private static final SshdSocketAddress ORIGINATOR = new SshdSocketAddress("127.0.0.1", 0);

    private final ChannelDirectTcpip channel;
    private final Executor onSession;
    private final IoInputStream fromServer;
    private final IoOutputStream toServer;
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private final Object readLock = new Object();
    /** The latest read handed to MINA; an EOF ends it only while MINA has not answered it. */
    private PendingRead pending;
    /** Once a read ended with {@code null}, MINA's stream may still hold an orphaned read: never call it again. */
    private boolean endDelivered;

    private record PendingRead(CompletableFuture<ByteBuf> result, IoReadFuture reading) {
    }

    /** @param channel an opened channel with {@code Streaming.Async} */
    private DirectTcpipTunnel(ChannelDirectTcpip channel) {
        this.channel = channel;
        this.onSession = SessionLoop.of(channel.getSession());
        this.fromServer = channel.getAsyncOut();
        this.toServer = channel.getAsyncIn();
        channel.addChannelListener(new ChannelListener() {
            @Override
            public void channelStateChanged(Channel changed, String hint) {
                if (changed.isEofSignalled()) {
                    onEof();
                }
            }
        });
    }

    /**
     * Opens a {@code direct-tcpip} channel to {@code host:port} on {@code session}, passing the host unresolved.
     * The originator is given as {@code 127.0.0.1:0}, as the spec has it, so local peers are not disclosed.
     */
    public static CompletableFuture<Tunnel> open(ClientSession session, String host, int port) {
        CompletableFuture<Tunnel> result = new CompletableFuture<>();
        ChannelDirectTcpip channel;
        OpenFuture opening;
        try {
            channel = session.createDirectTcpipChannel(ORIGINATOR, new SshdSocketAddress(host, port));
            channel.setStreaming(ClientChannel.Streaming.Async);
            opening = channel.open();
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(OpenFailures.of(e, session.isOpen()));
            return result;
        }
        opening.addListener(done -> {
            if (done.isOpened()) {
                result.complete(new DirectTcpipTunnel(channel));
            } else {
                channel.close(true);
                result.completeExceptionally(OpenFailures.of(done.getException(), session.isOpen()));
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<ByteBuf> read() {
        synchronized (readLock) {
            if (endDelivered) {
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<ByteBuf> result = new CompletableFuture<>();
        ByteArrayBuffer chunk = new ByteArrayBuffer(MAX_CHUNK, false);
        IoReadFuture reading;
        try {
            reading = fromServer.read(chunk);
        } catch (RuntimeException e) {
            // ReadPendingException: the caller broke the one-read-at-a-time contract.
            result.completeExceptionally(new IllegalStateException("a read is already outstanding", e));
            return result;
        }
        reading.addListener(done -> settle(result, chunk, done));
        boolean atEnd = false;
        synchronized (readLock) {
            // MINA hands every byte that came before the EOF to a waiting read before it marks the EOF, so a read
            // still waiting after the mark has nothing more to get. Hence the mark is taken first.
            boolean eofSeen = channel.isEofSignalled();
            if (!reading.isDone()) {
                atEnd = eofSeen;
                endDelivered = atEnd;
                pending = atEnd ? null : new PendingRead(result, reading);
            }
        }
        if (atEnd) {
            result.complete(null);
        }
        return result;
    }

    // On MINA's thread, after every data message that came before the EOF was handed to the stream.
    private void onEof() {
        CompletableFuture<ByteBuf> waiting = null;
        synchronized (readLock) {
            if (pending != null && !pending.reading().isDone()) {
                waiting = pending.result();
                pending = null;
                endDelivered = true;
            }
        }
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    // Without the lock: MINA may call this holding its stream's lock, which read() takes while holding ours.
    private void settle(CompletableFuture<ByteBuf> result, ByteArrayBuffer chunk, IoReadFuture done) {
        Throwable failure = done.getException();
        if (failure == null) {
            result.complete(Unpooled.wrappedBuffer(chunk.array(), chunk.rpos(), chunk.available()));
        } else if (failure instanceof EOFException && channel.isEofSignalled()) {
            result.complete(null);
        } else if (failure instanceof EOFException) {
            result.completeExceptionally(new IOException(channel.getSession().isOpen()
                    ? "tunnel broken: the channel closed before the destination finished sending"
                    : "tunnel broken: the SSH session ended before the destination finished sending"));
        } else {
            result.completeExceptionally(neutral("read", failure));
        }
    }

    /**
     * Each write starts on the session's event loop, marked internal: from any other thread, MINA blocks a channel
     * data write for as long as a key exchange runs, which would stall the caller's event loop (and hang the session
     * outright when that loop is the session's own).
     */
    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        synchronized (this) {
            lastWrite = lastWrite.handle((ignored, earlier) -> earlier).thenComposeAsync(earlier -> {
                if (earlier != null) {
                    data.release();
                    return CompletableFuture.failedFuture(earlier);
                }
                return ChannelData.write(channel, toServer, data)
                        .exceptionallyCompose(e -> CompletableFuture.failedFuture(neutral("write", e)));
            }, onSession);
            return lastWrite;
        }
    }

    /** Sends EOF once every earlier write went out: MINA's async stream sends it when closed gracefully. */
    @Override
    public CompletableFuture<Void> shutdownOutput() {
        synchronized (this) {
            lastWrite = lastWrite.thenComposeAsync(ignored -> {
                CompletableFuture<Void> closed = new CompletableFuture<>();
                toServer.close(false).addListener(f -> closed.complete(null));
                return closed;
            }, onSession);
            return lastWrite;
        }
    }

    @Override
    public void close() {
        channel.close(false);
    }

    // MINA's messages may carry channel details; callers log what they get, so only the type is passed on.
    private static IOException neutral(String what, Throwable cause) {
        String type = cause == null ? "channel closed" : cause.getClass().getSimpleName();
        return new IOException("tunnel " + what + " failed: " + type);
    }
}
