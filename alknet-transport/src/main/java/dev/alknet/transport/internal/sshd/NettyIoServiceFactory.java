package dev.alknet.transport.internal.sshd;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.SshPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.DefaultCloseFuture;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/** The I/O services of one MINA {@code SshServer} or {@code SshClient}, all on the same event loop groups. */
final class NettyIoServiceFactory extends AbstractCloseable implements IoServiceFactory {

    final FactoryManager manager;
    final EventLoops loops;
    final SshPipeline.Hook serverHook;
    final SshPipeline.Hook clientHook;
    /** Null when outbound SSH connections go direct. */
    final OutboundProxy clientProxy;
    private final boolean ownsLoops;
    private volatile IoServiceEventListener eventListener;

    NettyIoServiceFactory(FactoryManager manager, EventLoops sharedLoops, SshPipeline.Hook serverHook,
            SshPipeline.Hook clientHook, OutboundProxy clientProxy) {
        this.manager = manager;
        this.ownsLoops = sharedLoops == null;
        this.loops = ownsLoops ? EventLoops.createDefault() : sharedLoops;
        this.serverHook = serverHook;
        this.clientHook = clientHook;
        this.clientProxy = clientProxy;
        this.eventListener = manager.getIoServiceEventListener();
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        return new NettyIoConnector(this, handler);
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        return new NettyIoAcceptor(this, handler);
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return eventListener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        eventListener = listener;
    }

    /** Shuts down the event loops only if this factory created them; shared ones belong to the embedding app. */
    @Override
    protected CloseFuture doCloseGracefully() {
        DefaultCloseFuture done = new DefaultCloseFuture(toString(), futureLock);
        if (!ownsLoops) {
            done.setClosed();
            return done;
        }
        Future<?> boss = loops.boss().shutdownGracefully();
        Future<?> worker = loops.worker().shutdownGracefully();
        boss.addListener(b -> worker.addListener(w -> done.setClosed()));
        return done;
    }

    @Override
    protected void doCloseImmediately() {
        if (ownsLoops) {
            shutdownNow(loops.boss());
            shutdownNow(loops.worker());
        }
        super.doCloseImmediately();
    }

    /** Netty has no abrupt shutdown; a graceful one with no quiet period is the closest. */
    private static void shutdownNow(EventLoopGroup group) {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }
}
