package dev.alknet.callproto.net;

import dev.alknet.callproto.net.internal.Admission;
import dev.alknet.transport.ListenerFrontEnd;
import dev.alknet.transport.Tunnel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Sets up each connection one raw framing listener accepts, up to the hand-off to its session. */
final class RawConnections extends ChannelInitializer<SocketChannel> {

    private final ListenerFrontEnd frontEnd;
    private final Duration firstFrameTimeout;
    private final Admission admission;
    private final ExecutorService admitting;
    private final Consumer<Admission.Admitted> sessions;

    RawConnections(ListenerFrontEnd frontEnd, Duration firstFrameTimeout, Admission admission,
            ExecutorService admitting, Consumer<Admission.Admitted> sessions) {
        this.frontEnd = frontEnd;
        this.firstFrameTimeout = firstFrameTimeout;
        this.admission = admission;
        this.admitting = admitting;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        // One timer covers the TLS handshake and the first frame: a silent peer holds nothing for long.
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, firstFrameTimeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> deadline.cancel(false));
        frontEnd.install(channel, pipeline -> ready(channel, deadline));
    }

    /** On the event loop, once TLS (if any) is up: from here on, bytes are pulled by blocking readers. */
    private void ready(SocketChannel channel, ScheduledFuture<?> deadline) {
        channel.config().setAutoRead(false);
        TunnelStream stream = TunnelStream.over(Tunnel.attach(channel), frontEnd.transportInfo(channel));
        try {
            // Reading the first frame blocks and checking a token costs a signature check: not on the event loop.
            admitting.execute(() -> {
                Admission.Admitted admitted = admission.admit(stream, () -> deadline.cancel(false));
                if (admitted != null) {
                    sessions.accept(admitted);
                }
            });
        } catch (RejectedExecutionException e) {
            stream.close();
        }
    }
}
