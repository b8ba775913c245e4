package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.callproto.CallSession;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.transport.DuplexStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code alknet serve} with the embedded default serves its head on {@code alknet-control:0}, reached here with
 * MINA's own client so that only the server side is under test.
 */
class ServeControlChannelTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Cli serveCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private CompletableFuture<Integer> serve;
    private SshClient ssh;

    @AfterEach
    void stop() throws Exception {
        if (ssh != null) {
            ssh.stop();
        }
        serveCli.stop();
        assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
    }

    @Test
    void theEmbeddedDefaultAllowsTheControlChannelAndTheHeadAnswersOnIt() throws Exception {
        assertThat(new Cli().run("keygen", "--data-dir", dir.toString()).exitCode()).isZero();
        Files.copy(dir.resolve(DataDir.IDENTITY + ".pub"), dir.resolve(DataDir.AUTHORIZED_KEYS));
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--data-dir", dir.toString(),
                "--listen", "127.0.0.1:0", "--demo-ops", "--node", "hub");
        List<String> printed = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet ops ")));
        HostPort server = HostPort.parse(printed.get(2));

        try (CallSession session = CallSession.builder(controlChannel(server), Identity.anonymous()).start()) {
            JsonNode list = session.call("/services/list", JsonText.parse("input", "{}"))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            JsonNode echo = session.call("/hub/demo/echo", JsonText.parse("input", "[1]"))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            List<String> names = list.path("operations").findValuesAsString("name");
            assertThat(names).filteredOn(name -> name.startsWith("/hub/storage/")).contains("/hub/storage/addNode");
            assertThat(names).filteredOn(name -> !name.startsWith("/hub/storage/"))
                    .containsExactly("/head/services/register", "/hub/demo/echo", "/hub/demo/ticks", "/hub/flow/calls",
                            "/services/list", "/services/schema");
            assertThat(echo).isEqualTo(JsonText.parse("output", "[1]"));
        }
    }

    private DuplexStream controlChannel(HostPort server) throws Exception {
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        ClientSession session = ssh.connect("alknet", server.host(), server.port()).verify(PATIENCE).getSession();
        session.addPublicKeyIdentity(OpenSshKeyPair.load(dir.resolve(DataDir.IDENTITY)).toKeyPair());
        session.auth().verify(PATIENCE);
        ChannelDirectTcpip channel = session.createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 0),
                new SshdSocketAddress("alknet-control", 0));
        channel.open().verify(PATIENCE);
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
                return TransportInfo.of(session.getIoSession().getRemoteAddress(), TransportKind.TCP);
            }

            @Override
            public void close() {
                channel.close(true);
                session.close(true);
            }
        };
    }
}
