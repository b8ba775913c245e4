package dev.alknet.callproto.net;

import static dev.alknet.callproto.net.NetFixture.GUARD;
import static dev.alknet.callproto.net.NetFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.Worker;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.transport.DuplexStream;
import dev.alknet.transport.AlknetServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A head behind an {@link AlknetServer}'s control channel: a worker and a client log in with their SSH keys and
 * open {@code alknet-control:0}; the head sees the identities the keys resolve to.
 */
class ControlChannelTest {

    @TempDir
    Path dir;
    NetFixture fixture;
    AlknetServer server;
    SshClient ssh;

    @BeforeEach
    void start() throws Exception {
        fixture = new NetFixture(dir);
        server = AlknetServer.builder()
                .listener(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)))
                .config(fixture.config)
                .hostKey(OpenSshKeyPair.generateEd25519("host"))
                .controlChannelHandler(new ControlChannelSessions(SessionAcceptor.serving(fixture.headOps)))
                .start();
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    @AfterEach
    void stop() throws Exception {
        ssh.stop();
        server.close();
        fixture.head.close();
    }

    @Test
    void workerAndClientMeetThroughTheHeadOnControlChannels() throws Exception {
        try (Worker worker = Worker.builder("w1", fixture.workerOps)
                        .connect(controlChannel(fixture.workerKey), Identity.of("head"));
                CallSession client = CallSession.builder(controlChannel(fixture.clientKey), Identity.of("head"))
                        .start()) {
            assertThat(worker.exposedAs()).contains("/w1/files/read");
            JsonNode answer = client.call("/w1/files/read", json("{\"name\": \"ssh\"}")).get(20, TimeUnit.SECONDS);
            assertThat(answer.get("text").stringValue()).isEqualTo("hello ssh");
            // The worker runs the call as the identity the client's SSH key resolved to on the head.
            assertThat(answer.get("as").stringValue()).isEqualTo(fixture.clientKey.publicKey().fingerprint());
            List<JsonNode> items = RawFramingTest.collect(client.subscribe("/w1/logs/tail", json("{\"n\": 300}")))
                    .get(20, TimeUnit.SECONDS);
            assertThat(items).hasSize(300);
            assertThat(fixture.head.nodes()).containsExactly("w1");
        }
    }

    /** {@code alknet-control:0} as a stream, with MINA's client: the server side is what this module adds. */
    private DuplexStream controlChannel(OpenSshKeyPair key) throws Exception {
        ClientSession session = ssh.connect("tester", "127.0.0.1", server.listenAddresses().get(0).getPort())
                .verify(GUARD).getSession();
        session.addPublicKeyIdentity(key.toKeyPair());
        session.auth().verify(GUARD);
        ChannelDirectTcpip channel = session.createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 0),
                new SshdSocketAddress(ControlChannelSessions.HOST, ControlChannelSessions.PORT));
        channel.open().verify(GUARD);
        return new DuplexStream() {
            @Override
            public InputStream input() {
                return channel.getInvertedOut();
            }

            @Override
            public OutputStream output() {
                return channel.getInvertedIn();
            }

            @Override
            public TransportInfo info() {
                return TransportInfo.of(session.getIoSession().getRemoteAddress(), dev.alknet.core.TransportKind.TCP);
            }

            @Override
            public void close() {
                channel.close(true);
                session.close(true);
            }
        };
    }
}
