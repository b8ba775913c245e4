package dev.alknet.transport.internal.stealth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link StealthDetector} in an {@link EmbeddedChannel} whose "SSH" handler records what it receives.
 * Every buffer fed in is kept so tests can check it was released, whichever way the detector decided.
 */
final class DetectorHarness {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** What the channel did: bytes that reached SSH, bytes written back, and whether it is still open. */
    record Outcome(byte[] toSsh, byte[] written, boolean open, boolean sshInstalled) {
    }

    final EmbeddedChannel channel;
    private final ByteArrayOutputStream toSsh = new ByteArrayOutputStream();
    private final List<ByteBuf> fed = new ArrayList<>();
    private boolean sshInstalled;

    DetectorHarness() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new StealthDetector(TIMEOUT, pipeline -> {
            sshInstalled = true;
            pipeline.addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    toSsh.writeBytes(ByteBufUtil.getBytes(buf));
                    buf.release();
                }
            });
        }));
    }

    /** Feeds one read; ignored once the detector has closed the channel, as a closed socket reads nothing. */
    DetectorHarness read(byte[] chunk) {
        if (channel.isOpen()) {
            ByteBuf buf = Unpooled.buffer(chunk.length).writeBytes(chunk);
            fed.add(buf);
            channel.writeInbound(buf);
        }
        return this;
    }

    DetectorHarness eof() {
        if (channel.isOpen()) {
            channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            channel.runPendingTasks();
        }
        return this;
    }

    DetectorHarness elapse(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        return this;
    }

    /** Collects the outcome and checks no buffer leaked. */
    Outcome outcome() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            written.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        boolean open = channel.isOpen();
        channel.finishAndReleaseAll();
        for (ByteBuf buf : fed) {
            if (buf.refCnt() != 0) {
                throw new AssertionError("a buffer fed to the detector was not released");
            }
        }
        return new Outcome(toSsh.toByteArray(), written.toByteArray(), open, sshInstalled);
    }
}
