package dev.alknet.transport.internal.sshd;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.SshPipeline;
import java.util.Objects;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * Puts a MINA {@code SshServer} or {@code SshClient} on Netty: {@code setIoServiceFactoryFactory(...)} before
 * {@code start()}. Immutable; one instance may serve several servers and clients.
 *
 * <p>With {@link EventLoops} handed in, every factory shares them and none shuts them down; without, each MINA
 * server or client gets its own groups, shut down when it stops.
 */
public final class NettyIoServiceFactoryFactory implements IoServiceFactoryFactory {

    private final EventLoops sharedLoops;
    private final SshPipeline.Hook serverHook;
    private final SshPipeline.Hook clientHook;
    private final OutboundProxy clientProxy;

    private NettyIoServiceFactoryFactory(EventLoops sharedLoops, SshPipeline.Hook serverHook,
            SshPipeline.Hook clientHook, OutboundProxy clientProxy) {
        this.sharedLoops = sharedLoops;
        this.serverHook = serverHook;
        this.clientHook = clientHook;
        this.clientProxy = clientProxy;
    }

    /** Own event loops per server or client, no front handlers. */
    public static NettyIoServiceFactoryFactory create() {
        return new NettyIoServiceFactoryFactory(null, SshPipeline.Hook.NONE, SshPipeline.Hook.NONE, null);
    }

    /** The same, on the embedding application's event loops. */
    public NettyIoServiceFactoryFactory withEventLoops(EventLoops loops) {
        return new NettyIoServiceFactoryFactory(Objects.requireNonNull(loops, "loops"), serverHook, clientHook,
                clientProxy);
    }

    /** The same, with {@code hook} installing handlers in front of SSH on every accepted SSH connection. */
    public NettyIoServiceFactoryFactory withServerHook(SshPipeline.Hook hook) {
        return new NettyIoServiceFactoryFactory(sharedLoops, Objects.requireNonNull(hook, "hook"), clientHook,
                clientProxy);
    }

    /** The same, with {@code hook} installing handlers in front of SSH on every outbound SSH connection. */
    public NettyIoServiceFactoryFactory withClientHook(SshPipeline.Hook hook) {
        return new NettyIoServiceFactoryFactory(sharedLoops, serverHook, Objects.requireNonNull(hook, "hook"),
                clientProxy);
    }

    /**
     * The same, with every outbound SSH connection made through {@code proxy} (SOCKS5 or HTTP CONNECT), in front
     * of the client hook's handlers. An unresolved target address reaches the proxy as a name.
     */
    public NettyIoServiceFactoryFactory withClientProxy(OutboundProxy proxy) {
        return new NettyIoServiceFactoryFactory(sharedLoops, serverHook, clientHook,
                Objects.requireNonNull(proxy, "proxy"));
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new NettyIoServiceFactory(manager, sharedLoops, serverHook, clientHook, clientProxy);
    }

    /** Netty's event loops do all the work; the bridge has no use for MINA's executor. */
    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        // Intentionally ignored, see above.
    }
}
