package dev.alknet.transport.internal.server;

import dev.alknet.auth.AuthLog;
import dev.alknet.auth.ConnectionLimiter;
import dev.alknet.auth.LoginAuthority;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.ControlChannelHandler;
import dev.alknet.transport.ListenerFrontEnd;
import dev.alknet.transport.RekeyLimit;
import dev.alknet.transport.SshPipeline;
import dev.alknet.transport.TunnelOpener;
import dev.alknet.transport.internal.sshd.Algorithms;
import dev.alknet.transport.internal.sshd.EventLoops;
import dev.alknet.transport.internal.sshd.NettyIoServiceFactoryFactory;
import dev.alknet.transport.internal.sshd.Rekeying;
import dev.alknet.transport.internal.sshd.SessionLoop;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * The assembled server behind {@code AlknetServer}: one MINA {@link SshServer} on the Netty bridge, bound to every
 * listener, each listener's connections getting that listener's front end (TLS, stealth) before SSH.
 */
public final class ServerRuntime {

    /** How long sessions get to go after the shutdown disconnect before they are cut. */
    static final Duration DRAIN = Duration.ofSeconds(2);

    /** What the identification line says instead of MINA's name and version. */
    static final String IDENTIFICATION = "alknet";

    private final BindingServer sshd;
    private final EventLoops loops;
    private final List<InetSocketAddress> listenAddresses;
    private boolean closed;

    private ServerRuntime(BindingServer sshd, EventLoops loops, List<InetSocketAddress> listenAddresses) {
        this.sshd = sshd;
        this.loops = loops;
        this.listenAddresses = listenAddresses;
    }

    /**
     * Builds and binds the server; on failure everything already bound or started is released again.
     *
     * @param opener connects {@code direct-tcpip} targets; must run on {@code loops.worker()} or its own loops
     * @param logins decides every public key login
     */
    public static ServerRuntime start(List<ListenerConfig> listeners, ConfigReloadHandle config,
            OpenSshKeyPair hostKey, EventLoops loops, TunnelOpener opener, ControlChannelHandler control,
            AuthLog authLog, RekeyLimit rekeyLimit, LoginAuthority logins) throws IOException {
        Map<SocketAddress, ListenerFrontEnd> frontEnds = new ConcurrentHashMap<>();
        List<ListenerFrontEnd> created = new ArrayList<>();
        for (ListenerConfig listener : listeners) {
            created.add(ListenerFrontEnd.create(listener));
        }
        BindingServer sshd = (BindingServer) ServerBuilder.builder().factory(BindingServer::new).build();
        configure(sshd, config, hostKey, opener, control, authLog, logins);
        Rekeying.apply(sshd, rekeyLimit);
        sshd.setIoServiceFactoryFactory(
                NettyIoServiceFactoryFactory.create().withEventLoops(loops).withServerHook(ch -> install(ch, frontEnds)));
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (int i = 0; i < listeners.size(); i++) {
                for (SocketAddress address : sshd.bindListener(listeners.get(i))) {
                    frontEnds.put(address, created.get(i));
                    bound.add((InetSocketAddress) address);
                }
            }
        } catch (IOException | RuntimeException e) {
            sshd.stop(true);
            throw e;
        }
        return new ServerRuntime(sshd, loops, List.copyOf(bound));
    }

    private static void configure(SshServer sshd, ConfigReloadHandle config, OpenSshKeyPair hostKey,
            TunnelOpener opener, ControlChannelHandler control, AuthLog authLog, LoginAuthority logins) {
        PublicKeyGate gate = new PublicKeyGate(logins, authLog);
        ForwardingGate forwarding = new ForwardingGate(config);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey.toKeyPair()));
        sshd.setUserAuthFactories(List.of(GatedPublicKeyAuth.factory(gate)));
        sshd.setPublickeyAuthenticator(gate);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setForwardingFilter(ForwardingFilter.asForwardingFilter(
                (session, request) -> false, (session, request) -> false, forwarding));
        List<ChannelFactory> channels = new ArrayList<>();
        channels.add(DirectTcpipChannel.factory(forwarding, opener, control));
        channels.addAll(Refusals.channelFactories());
        sshd.setChannelFactories(channels);
        List<RequestHandler<ConnectionService>> global = new ArrayList<>(sshd.getGlobalRequestHandlers());
        global.addAll(Refusals.globalRequestHandlers());
        sshd.setGlobalRequestHandlers(global);
        sshd.addSessionListener(new SessionLifecycle(config, new ConnectionLimiter(), authLog, gate, Clock.systemUTC()));
        Algorithms.restrict(sshd);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, IDENTIFICATION);
        // max_auth_attempts (read per connection from the dynamic config) is the only limit on attempts.
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, Integer.MAX_VALUE);
    }

    /**
     * The server hook: runs the accepting listener's front end, which starts SSH with the transport described once
     * the connection is ready (at once for tcp, after TLS, after stealth detection).
     */
    private static SshPipeline.Start install(Channel ch, Map<SocketAddress, ListenerFrontEnd> frontEnds)
            throws IOException {
        ListenerFrontEnd frontEnd = frontEnds.get(ch.parent().localAddress());
        if (frontEnd == null) {
            // Accepted in the instant between bind and registration, while start() has not returned yet.
            throw new IOException("connection to a listener that is still starting");
        }
        List<ChannelHandler> handlers = frontEnd.handlers(ch, pipeline -> {
            ch.attr(SshPipeline.TRANSPORT_INFO).set(frontEnd.transportInfo(ch));
            pipeline.fireUserEventTriggered(SshPipeline.READY);
        });
        if (handlers.isEmpty()) {
            ch.attr(SshPipeline.TRANSPORT_INFO).set(frontEnd.transportInfo(ch));
            return SshPipeline.Start.NOW;
        }
        ch.pipeline().addLast(handlers.toArray(ChannelHandler[]::new));
        return SshPipeline.Start.ON_READY;
    }

    public List<InetSocketAddress> listenAddresses() {
        return listenAddresses;
    }

    /** Stops accepting, disconnects every session ("shutdown"), drains up to {@link #DRAIN}, then closes all. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sshd.stopAccepting();
        for (Session session : sshd.getActiveSessions()) {
            SessionLoop.of(session).execute(() -> disconnect(session));
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!sshd.getActiveSessions().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            sshd.stop(true);
        } catch (IOException e) {
            // Stopping immediately closes everything regardless; nothing is left to retry.
        }
        loops.boss().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        loops.worker().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private static void disconnect(Session session) {
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "shutdown");
        } catch (IOException e) {
            session.close(true);
        }
    }

    /** MINA's server binds one host and port; alknet binds a list of listeners to the same acceptor. */
    private static final class BindingServer extends SshServer {

        /** Binds a listener and returns the addresses it added (a host name may resolve to several). */
        Set<SocketAddress> bindListener(ListenerConfig listener) throws IOException {
            InetSocketAddress address = new InetSocketAddress(listener.listen().host(), listener.listen().port());
            if (address.isUnresolved()) {
                throw new IOException("cannot listen on " + listener.listen() + ": unknown host");
            }
            if (!isStarted()) {
                setHost(address.getAddress().getHostAddress());
                setPort(address.getPort());
                start();
                return acceptor.getBoundAddresses();
            }
            Set<SocketAddress> before = new HashSet<>(acceptor.getBoundAddresses());
            acceptor.bind(address);
            Set<SocketAddress> added = new HashSet<>(acceptor.getBoundAddresses());
            added.removeAll(before);
            return added;
        }

        void stopAccepting() {
            if (acceptor != null) {
                acceptor.unbind();
            }
        }
    }
}
