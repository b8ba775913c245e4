package dev.alknet.transport.internal.server;

import dev.alknet.transport.ControlChannelHandler;
import dev.alknet.transport.Tunnel;
import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpener;
import dev.alknet.transport.internal.sshd.ChannelData;
import dev.alknet.transport.internal.sshd.SessionLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.Closeable;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;

/**
 * A {@code direct-tcpip} channel (RFC 4254 §7.2) spliced onto a {@link Tunnel}: a TCP connection from the
 * {@link TunnelOpener} (which resolves names off the event loop and knows the outbound proxy), or the control
 * channel handler's end for {@code alknet-control:0}. The channel is confirmed only once the tunnel is open
 * (DESIGN §4.9); a policy denial or an unreachable target is a channel open failure and touches nothing else.
 *
 * <p>MINA must see every call from the session's event loop, marked internal (as the bridge does), so that no
 * write of ours can block behind a key exchange; tunnel callbacks arrive on other loops and hop over.
 * Flow control: window space for client data comes back only when the tunnel took the bytes, and the next tunnel
 * read starts only when the client's window took the previous one.
 */
final class DirectTcpipChannel extends AbstractServerChannel {

    static final String TYPE = "direct-tcpip";
    private static final String RESERVED_PREFIX = "alknet-";
    private static final String CONTROL_HOST = "alknet-control";

    private final ForwardingGate gate;
    private final TunnelOpener opener;
    private final ControlChannelHandler control;
    private Executor onSession;
    private ChannelAsyncOutputStream out;
    private volatile Tunnel tunnel;

    private DirectTcpipChannel(ForwardingGate gate, TunnelOpener opener, ControlChannelHandler control) {
        super(TYPE, java.util.List.of(), null);
        this.gate = gate;
        this.opener = opener;
        this.control = control;
    }

    static ChannelFactory factory(ForwardingGate gate, TunnelOpener opener, ControlChannelHandler control) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return TYPE;
            }

            @Override
            public org.apache.sshd.common.channel.Channel createChannel(
                    org.apache.sshd.common.session.Session session) {
                return new DirectTcpipChannel(gate, opener, control);
            }
        };
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String host = buffer.getString();
        int port = buffer.getInt();
        OpenFuture opened = new DefaultOpenFuture(this, this);
        onSession = SessionLoop.of(getSession());
        if (!gate.mayConnect(getSession(), host, port)) {
            return fail(opened, SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "forwarding denied");
        }
        CompletableFuture<Tunnel> far;
        Runnable afterOpen = () -> { };
        if (host.startsWith(RESERVED_PREFIX)) {
            // Reserved names never reach DNS or TCP.
            if (!host.equals(CONTROL_HOST) || port != 0 || control == null) {
                return fail(opened, SshConstants.SSH_OPEN_CONNECT_FAILED, "no such alknet service");
            }
            TunnelPair pair = new TunnelPair();
            far = CompletableFuture.completedFuture(pair.first());
            SessionState state = SessionState.of(getSession());
            afterOpen = () -> control.open(pair.second(), state.identity(), state.transport);
        } else {
            far = opener.open(host, port);
        }
        out = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
        Runnable handOver = afterOpen;
        far.whenCompleteAsync((t, error) -> {
            if (error != null) {
                fail(opened, codeOf(error), "connect failed");
            } else if (isClosing()) {
                t.close();
            } else {
                tunnel = t;
                signalChannelOpenSuccess();
                opened.setOpened();
                handOver.run();
                pump(t);
            }
        }, onSession);
        return opened;
    }

    private OpenFuture fail(OpenFuture opened, int code, String message) {
        signalChannelOpenFailure(new IOException(message));
        opened.setException(new SshChannelOpenException(getChannelId(), code, message));
        close(true);
        return opened;
    }

    private static int codeOf(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof TunnelOpenException open && open.reason() == TunnelOpenException.Reason.PROHIBITED
                ? SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED : SshConstants.SSH_OPEN_CONNECT_FAILED;
    }

    /** Tunnel to client: one read at a time, the next once the channel window took this one. */
    private void pump(Tunnel from) {
        from.read().whenCompleteAsync((buf, error) -> {
            if (error != null) {
                close(false);
            } else if (buf == null) {
                sendEofQuietly();
            } else if (isClosing()) {
                buf.release();
            } else {
                ChannelData.write(this, out, buf).whenComplete((written, failed) -> {
                    if (failed == null) {
                        onSession.execute(() -> pump(from));
                    } else {
                        close(false);
                    }
                });
            }
        }, onSession);
    }

    private void sendEofQuietly() {
        try {
            sendEof();
        } catch (IOException e) {
            close(false);
        }
    }

    /** Client to tunnel; the window space comes back once the tunnel accepted the bytes. */
    @Override
    protected void doWriteData(byte[] data, int off, long len) {
        // A pooled direct buffer: no garbage per packet, and the socket write needs no further copy.
        ByteBuf copy = ByteBufAllocator.DEFAULT.directBuffer((int) len).writeBytes(data, off, (int) len);
        tunnel.write(copy).whenCompleteAsync((done, error) -> {
            if (error != null) {
                close(false);
                return;
            }
            LocalWindow window = getLocalWindow();
            if (window.isOpen()) {
                try {
                    window.release(len);
                } catch (IOException e) {
                    close(false);
                }
            }
        }, onSession);
    }

    /**
     * MINA's own channels wake their async output stream on a window adjust; {@code out} is ours, so the channel does
     * it. Without this a write that found the client's window used up waits forever once the window reopens.
     */
    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        ChannelAsyncOutputStream current = out;
        if (current != null) {
            current.onWindowExpanded();
        }
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("direct-tcpip channels carry no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        Tunnel current = tunnel;
        if (current != null) {
            current.shutdownOutput();
        }
    }

    /** Flushes what the client is owed, closes the channel, then drops the tunnel. */
    @Override
    protected Closeable getInnerCloseable() {
        return builder()
                .close(out)
                .close(super.getInnerCloseable())
                .run(toString(), () -> {
                    Tunnel current = tunnel;
                    if (current != null) {
                        current.close();
                    }
                })
                .build();
    }
}
