package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.RateLimits;
import dev.alknet.core.policy.ForwardingAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flags over the config file over the embedded default, without binding anything. */
class ServerSetupTest {

    @TempDir
    Path dir;

    static ServerSetup setup(Path dataDir, String... args) {
        ServeFlags flags = new ServeFlags();
        new CommandLine(flags).parseArgs(args);
        return ServerSetup.assemble(flags, Map.of(DataDir.ENV, dataDir.toString()));
    }

    private static ListenerConfig listener(ServerSetup setup) {
        assertThat(setup.config().staticConfig().listeners()).hasSize(1);
        return setup.config().staticConfig().listeners().get(0);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void embeddedDefaultListensOnLoopbackDeniesForwardingButTheControlChannelAndGeneratesTheHostKey() {
        Path data = dir.resolve("data");
        ServerSetup setup = setup(data);

        assertThat(listener(setup).listen()).isEqualTo(new HostPort("127.0.0.1", 2222));
        assertThat(listener(setup).transport()).isEqualTo(TransportKind.TCP);
        assertThat(setup.config().dynamicConfig().forwarding()
                .decide("localhost", 80, Identity.of("SHA256:x"), TransportKind.TCP).action())
                .isEqualTo(ForwardingAction.DENY);
        assertThat(setup.config().dynamicConfig().forwarding()
                .permits("alknet-control", 0, Identity.of("SHA256:x"), TransportKind.TCP))
                .as("the call protocol's control channel").isTrue();
        assertThat(setup.config().dynamicConfig().forwarding()
                .permits("alknet-control", 1, Identity.of("SHA256:x"), TransportKind.TCP)).isFalse();
        assertThat(setup.hostKeyFile()).isEqualTo(data.resolve(DataDir.HOST_KEY));
        assertThat(OpenSshKeyPair.load(setup.hostKeyFile()).publicKey()).isEqualTo(setup.hostKey().publicKey());
        assertThat(setup.config().dynamicConfig().auth().authorizedKeys()).isEmpty();
        assertThat(setup.config().dynamicConfig().rateLimits()).isEqualTo(RateLimits.defaults());
    }

    @Test
    void theSecondStartKeepsTheGeneratedHostKey() {
        assertThat(setup(dir).hostKey().publicKey()).isEqualTo(setup(dir).hostKey().publicKey());
    }

    @Test
    void authorizedKeysComeFromTheDataDirWhenTheConfigNamesNone() throws IOException {
        OpenSshKeyPair alice = OpenSshKeyPair.generateEd25519("alice");
        Files.writeString(dir.resolve(DataDir.AUTHORIZED_KEYS), alice.publicKey().toLine() + "\n");

        assertThat(setup(dir).config().dynamicConfig().auth().authorizedKeys())
                .singleElement().satisfies(k -> assertThat(k.line()).isEqualTo(alice.publicKey().toLine()));
    }

    @Test
    void theFileBeatsTheEmbeddedDefault() throws IOException {
        Path config = write("alknet.toml", """
                [server]
                listen = "127.0.0.1:2400"
                max_auth_attempts = 3
                [forwarding]
                default = "allow"
                """);

        ServerSetup setup = setup(dir, "--config", config.toString());

        assertThat(listener(setup).listen()).isEqualTo(new HostPort("127.0.0.1", 2400));
        assertThat(setup.config().dynamicConfig().rateLimits().maxAuthAttempts()).isEqualTo(3);
        assertThat(setup.config().dynamicConfig().forwarding()
                .decide("localhost", 80, Identity.of("SHA256:x"), TransportKind.TCP).action())
                .isEqualTo(ForwardingAction.ALLOW);
    }

    @Test
    void flagsBeatTheFile() throws IOException {
        Path fileKeys = write("file_keys", OpenSshKeyPair.generateEd25519("file").publicKey().toLine() + "\n");
        OpenSshKeyPair flagKey = OpenSshKeyPair.generateEd25519("flag");
        Path flagKeys = write("flag_keys", flagKey.publicKey().toLine() + "\n");
        Path config = write("alknet.toml", """
                [server]
                listen = "127.0.0.1:2400"
                max_auth_attempts = 3
                max_connections_per_ip = 4
                proxy = "socks5://127.0.0.1:9050"
                [auth]
                authorized_keys = "file_keys"
                """);

        ServerSetup setup = setup(dir, "--config", config.toString(), "--listen", "127.0.0.1:0",
                "--max-auth-attempts", "5", "--authorized-keys", flagKeys.toString(),
                "--proxy", "http://127.0.0.1:3128");

        assertThat(listener(setup).listen()).isEqualTo(new HostPort("127.0.0.1", 0));
        assertThat(setup.config().dynamicConfig().rateLimits()).isEqualTo(new RateLimits(4, 5));
        assertThat(setup.config().staticConfig().proxy()).hasValueSatisfying(
                p -> assertThat(p.toString()).isEqualTo("http://127.0.0.1:3128"));
        assertThat(setup.config().dynamicConfig().auth().authorizedKeys())
                .singleElement().satisfies(k -> assertThat(k.line()).isEqualTo(flagKey.publicKey().toLine()));
    }

    @Test
    void transportTcpByFlagDropsTheFilesTlsSettings() throws IOException {
        Path cert = write("cert.pem", "not read here");
        Path key = write("key.pem", "not read here");
        Path config = write("alknet.toml", """
                [server]
                transport = "tls"
                listen = "127.0.0.1:2443"
                stealth = true
                [server.tls]
                cert = "%s"
                key = "%s"
                """.formatted(cert, key));

        ListenerConfig tcp = listener(setup(dir, "--config", config.toString(), "--transport", "tcp"));
        ListenerConfig tls = listener(setup(dir, "--config", config.toString(), "--no-stealth"));

        assertThat(tcp.transport()).isEqualTo(TransportKind.TCP);
        assertThat(tcp.tls()).isEmpty();
        assertThat(tcp.stealth()).isFalse();
        assertThat(tls.transport()).isEqualTo(TransportKind.TLS);
        assertThat(tls.tls()).isPresent();
        assertThat(tls.stealth()).isFalse();
    }

    @Test
    void tlsFlagsMakeATlsListener() throws IOException {
        Path cert = write("cert.pem", "not read here");
        Path key = write("key.pem", "not read here");

        ListenerConfig listener = listener(setup(dir, "--transport", "tls", "--tls-cert", cert.toString(),
                "--tls-key", key.toString(), "--stealth", "--listen", "[::1]:0"));

        assertThat(listener.transport()).isEqualTo(TransportKind.TLS);
        assertThat(listener.stealth()).isTrue();
        assertThat(listener.listen()).isEqualTo(new HostPort("::1", 0));
        assertThat(listener.tls()).hasValueSatisfying(t -> assertThat(t.cert()).isEqualTo(cert.toAbsolutePath()));
    }

    @Test
    void anExplicitHostKeyIsUsedAsItIs() {
        Path key = dir.resolve("host");
        OpenSshKeyPair pair = OpenSshKeyPair.generateEd25519("host");
        pair.write(key);

        ServerSetup setup = setup(dir.resolve("data"), "--key", key.toString());

        assertThat(setup.hostKey().publicKey()).isEqualTo(pair.publicKey());
        assertThat(dir.resolve("data").resolve(DataDir.HOST_KEY)).doesNotExist();
    }

    @Property(tries = 50)
    void aRateLimitFlagWinsOverTheFileAndTheFileOverTheDefault(
            @ForAll @IntRange(max = 1000) int inFile, @ForAll @IntRange(max = 1000) int onFlag) throws IOException {
        // jqwik has no @TempDir per try; one directory under target keeps a single generated host key.
        Path tmp = Files.createDirectories(Path.of("target", "rate-limit-property"));
        Path config = Files.writeString(tmp.resolve("alknet.toml"),
                "[server]\nmax_connections_per_ip = " + inFile + "\n");

        RateLimits fromFile = setup(tmp, "--config", config.toString()).config().dynamicConfig().rateLimits();
        RateLimits fromFlag = setup(tmp, "--config", config.toString(), "--max-connections-per-ip",
                Integer.toString(onFlag)).config().dynamicConfig().rateLimits();

        assertThat(fromFile).isEqualTo(RateLimits.defaults().withMaxConnectionsPerIp(inFile));
        assertThat(fromFlag).isEqualTo(RateLimits.defaults().withMaxConnectionsPerIp(onFlag));
    }
}
