package dev.alknet.transport.internal.client;

import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.RemoteForward;
import dev.alknet.transport.SshPipeline;
import dev.alknet.transport.internal.sshd.Algorithms;
import dev.alknet.transport.internal.sshd.ConnectFailedException;
import dev.alknet.transport.internal.sshd.EventLoops;
import dev.alknet.transport.internal.sshd.NettyIoServiceFactoryFactory;
import dev.alknet.transport.internal.sshd.Rekeying;
import io.netty.handler.proxy.ProxyConnectException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AgentForwardingFilter;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.X11ForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MINA {@code SshClient} on the Netty bridge, set up for alknet: public key authentication only, no
 * {@code ~/.ssh/config} or default keys, and {@code forwarded-tcpip} channels accepted only for the remote
 * forwards this client registered. {@link #establish} makes one ready session, failing with a reason a user
 * can act on.
 */
public final class SshConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

    /** Keepalives find a peer that vanished without closing the connection, e.g. behind a dead NAT mapping. */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    private static final int HEARTBEAT_NO_REPLY_MAX = 3;

    private final ClientSettings settings;
    private final ServerKeyCheck keyCheck;
    private final SshClient client;

    private SshConnector(ClientSettings settings, ServerKeyCheck keyCheck, SshClient client) {
        this.settings = settings;
        this.keyCheck = keyCheck;
        this.client = client;
    }

    /** Starts the MINA client on {@code loops}; {@code hook} puts TLS (or nothing) in front of SSH. */
    public static SshConnector start(ClientSettings settings, EventLoops loops, SshPipeline.Hook hook,
            ServerKeyCheck keyCheck) {
        SshClient client = SshClient.setUpDefaultClient();
        NettyIoServiceFactoryFactory io = NettyIoServiceFactoryFactory.create().withEventLoops(loops)
                .withClientHook(hook);
        client.setIoServiceFactoryFactory(settings.proxy() == null ? io : io.withClientProxy(settings.proxy()));
        Algorithms.restrict(client);
        client.setServerKeyVerifier(keyCheck);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // MINA consults this filter before connecting a forwarded-tcpip channel to its local target; it only
        // serves ports this client registered, so allowing that type is safe. Nothing else is forwarded.
        TcpForwardingFilter onlyRemoteForwards = new TcpForwardingFilter() {
            @Override
            public boolean canListen(SshdSocketAddress address, org.apache.sshd.common.session.Session session) {
                return false;
            }

            @Override
            public boolean canConnect(Type type, SshdSocketAddress address,
                    org.apache.sshd.common.session.Session session) {
                return type == Type.Forwarded;
            }
        };
        client.setForwardingFilter(ForwardingFilter.asForwardingFilter(
                AgentForwardingFilter.of(false), X11ForwardingFilter.of(false), onlyRemoteForwards));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT_INTERVAL);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_NO_REPLY_MAX);
        Rekeying.apply(client, settings.rekeyLimit());
        client.start();
        return new SshConnector(settings, keyCheck, client);
    }

    /**
     * Connects, verifies the host key, authenticates and registers every remote forward.
     *
     * @throws IOException saying what went wrong, without naming any forward target
     */
    public ClientSession establish() throws IOException {
        HostPort server = settings.server();
        ClientSession session = null;
        try {
            // Through a proxy the server's name goes unresolved, for the proxy to resolve (as curl's socks5h does).
            session = (settings.proxy() == null ? client.connect(settings.user(), server.host(), server.port())
                    : client.connect(settings.user(), InetSocketAddress.createUnresolved(server.host(), server.port())))
                    .verify(settings.timeout()).getSession();
            session.addPublicKeyIdentity(settings.identity());
            session.auth().verify(settings.timeout());
            for (RemoteForward forward : settings.remoteForwards()) {
                register(session, forward);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            IOException explained = explain(session, e);
            if (session != null) {
                session.close(true);
            }
            throw explained;
        }
    }

    private static void register(ClientSession session, RemoteForward forward) throws IOException {
        SshdSocketAddress bind = new SshdSocketAddress(forward.bind().host(), forward.bind().port());
        SshdSocketAddress bound;
        try {
            bound = session.startRemotePortForwarding(bind,
                    new SshdSocketAddress(forward.target().host(), forward.target().port()));
        } catch (IOException e) {
            throw new RemoteForwardRefused("the server refused the remote forward on " + forward.bind()
                    + " (port in use, still held by an earlier session, or not allowed)", e);
        }
        LOG.info("remote forward listening on the server at {}", new HostPort(forward.bind().host(), bound.getPort()));
    }

    private IOException explain(ClientSession session, Throwable failure) {
        HostPort server = settings.server();
        String rejection = session == null ? null : keyCheck.takeRejection(session);
        if (rejection != null) {
            return new IOException(rejection, failure);
        }
        if (failure instanceof RemoteForwardRefused refused) {
            return refused;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProxyConnectException proxied) {
                return new IOException("the proxy " + settings.proxy() + " did not connect to " + server + ": "
                        + proxyReason(proxied), failure);
            }
            if (cause instanceof ConnectFailedException refused) {
                return new IOException(settings.proxy() == null
                        ? "cannot connect to " + server + ": " + refused.getMessage()
                        : "cannot connect to the proxy " + settings.proxy() + " (for " + server + "): "
                                + refused.getMessage(), failure);
            }
            if (cause instanceof SSLException tls) {
                return new IOException("TLS handshake with " + server + " failed: " + tls.getMessage(), failure);
            }
            if (cause instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                String key = OpenSshPublicKey.of(settings.identity().getPublic()).fingerprint();
                return new IOException("authentication failed: " + server + " did not accept the key " + key
                        + " for user '" + settings.user() + "'", failure);
            }
        }
        return new IOException("connection to " + server + " failed: " + failure.getMessage(), failure);
    }

    /** Netty's message repeats both addresses; what a user needs is the part after "status: ", or all of it. */
    private static String proxyReason(ProxyConnectException failure) {
        String message = String.valueOf(failure.getMessage());
        int status = message.lastIndexOf("status: ");
        return status >= 0 ? message.substring(status + "status: ".length()) : message;
    }

    @Override
    public void close() {
        client.stop();
    }

    /** Registering a remote forward failed; its message is already the one to show. */
    private static final class RemoteForwardRefused extends IOException {
        RemoteForwardRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
