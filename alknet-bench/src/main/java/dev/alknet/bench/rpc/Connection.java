package dev.alknet.bench.rpc;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.CallClient;
import dev.alknet.callproto.net.CallServer;
import dev.alknet.callproto.net.ControlChannelSessions;
import dev.alknet.callproto.net.SessionAcceptor;
import dev.alknet.callproto.net.TunnelStream;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.transport.InMemoryTransport;
import dev.alknet.transport.AlknetServer;
import dev.alknet.transport.Tunnel;
import dev.alknet.transport.internal.client.DirectTcpipTunnel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * A client {@link CallSession} to a peer serving {@link EchoOperations}, over one of the transports under test,
 * with whatever must be torn down after it. Each transport runs with its defaults (session executor, timeouts).
 */
final class Connection implements AutoCloseable {

    private static final Duration SETUP = Duration.ofSeconds(30);

    final CallSession session;
    /** Closed after the session, in order. */
    private final List<AutoCloseable> resources;

    private Connection(CallSession session, List<AutoCloseable> resources) {
        this.session = session;
        this.resources = resources;
    }

    /** Both sessions in this JVM over an {@link InMemoryTransport} pair. */
    static Connection inMemory() {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        CallSession server = CallSession.builder(pair.server(), Identity.anonymous())
                .registry(EchoOperations.registry()).start();
        return new Connection(CallSession.builder(pair.client(), Identity.anonymous()).start(), List.of(server));
    }

    /** Raw framing over loopback TCP without TLS: {@link CallServer} and an anonymous {@link CallClient}. */
    static Connection rawTcp() throws Exception {
        CallServer server = CallServer.builder(SessionAcceptor.serving(EchoOperations.registry()))
                .listener(ListenerConfig.builder().interfaceKind(InterfaceKind.RAW)
                        .listen(new HostPort("127.0.0.1", 0)).build())
                .start();
        CallClient client = CallClient.builder().build();
        CallSession session = client.connect("127.0.0.1", server.listenAddresses().get(0).getPort());
        return new Connection(session, List.of(client, server));
    }

    /**
     * The SSH control channel {@code alknet-control:0} of an {@link AlknetServer}, logged in with a key. The client
     * side is MINA's SSH client with alknet's own {@code direct-tcpip} tunnel and {@link TunnelStream}, because
     * {@code AlknetClient.openChannel} refuses port 0.
     */
    static Connection sshControl() throws Exception {
        OpenSshKeyPair key = OpenSshKeyPair.generateEd25519("bench-client");
        String toml = "[[auth.keys]]\nkey = \"" + key.publicKey().toLine() + "\"\n";
        ConfigReloadHandle config = new ConfigReloadHandle(ConfigLoader.parse(toml, Path.of("")).dynamicConfig());
        AlknetServer server = AlknetServer.builder()
                .listener(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)))
                .config(config)
                .hostKey(OpenSshKeyPair.generateEd25519("bench-host"))
                .controlChannelHandler(new ControlChannelSessions(SessionAcceptor.serving(EchoOperations.registry())))
                .start();
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        ClientSession login = ssh.connect("bench", "127.0.0.1", server.listenAddresses().get(0).getPort())
                .verify(SETUP).getSession();
        login.addPublicKeyIdentity(key.toKeyPair());
        login.auth().verify(SETUP);
        Tunnel channel = DirectTcpipTunnel.open(login, ControlChannelSessions.HOST, ControlChannelSessions.PORT)
                .get(SETUP.toSeconds(), TimeUnit.SECONDS);
        TunnelStream stream = TunnelStream.over(channel,
                TransportInfo.of(login.getIoSession().getRemoteAddress(), TransportKind.TCP));
        CallSession session = CallSession.builder(stream, Identity.of("bench-host")).start();
        return new Connection(session, List.of(ssh::stop, server));
    }

    @Override
    public void close() throws Exception {
        session.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}
