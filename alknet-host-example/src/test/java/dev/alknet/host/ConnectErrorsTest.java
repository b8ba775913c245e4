package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** How connect reads its flags and environment, and every way they can be wrong (exit 2, one line). */
class ConnectErrorsTest {

    @TempDir
    Path dir;

    private OpenSshKeyPair hostKey;

    @BeforeEach
    void identityInTheDataDir() {
        OpenSshKeyPair.generateEd25519("me").write(dir.resolve(DataDir.IDENTITY));
        hostKey = OpenSshKeyPair.generateEd25519("host");
        hostKey.write(dir.resolve("host"));
    }

    private ClientSetup setup(Map<String, String> env, String... args) {
        ConnectFlags flags = new ConnectFlags();
        new CommandLine(flags).parseArgs(args);
        return ClientSetup.assemble(flags, env);
    }

    private Cli.Result connect(String... args) {
        List<String> all = new ArrayList<>(List.of("connect", "--data-dir", dir.toString()));
        all.addAll(List.of(args));
        return new Cli().run(all.toArray(String[]::new));
    }


    @Test
    void serverAndIdentityComeFromTheEnvironmentWhenNoFlagIsGiven() {
        Path other = dir.resolve("other");
        OpenSshKeyPair.generateEd25519("other").write(other);

        ClientSetup setup = setup(Map.of(ClientSetup.ENV_SERVER, "tunnel.example:2222",
                ClientSetup.ENV_IDENTITY, other.toString(), DataDir.ENV, dir.resolve("empty").toString()));

        assertThat(setup.server()).isEqualTo(new HostPort("tunnel.example", 2222));
        assertThat(setup.socks5()).isEqualTo(new HostPort("127.0.0.1", 1080));
    }

    @Test
    void flagsBeatTheEnvironment() {
        ClientSetup setup = setup(Map.of(ClientSetup.ENV_SERVER, "env.example:1"), "--server", "flag.example:2",
                "--data-dir", dir.toString(), "--socks5", "1081", "-L", "8080:web:80", "-R", "9000:localhost:22");

        assertThat(setup.server()).isEqualTo(new HostPort("flag.example", 2));
        assertThat(setup.socks5()).isEqualTo(new HostPort("127.0.0.1", 1081));
    }

    @Test
    void aServerKeyIsAPubFileOrAKeyLine() {
        assertThat(setup(Map.of(), "--server", "h:1", "--data-dir", dir.toString(),
                "--server-key", dir.resolve("host.pub").toString())).isNotNull();
        assertThat(setup(Map.of(), "--server", "h:1", "--data-dir", dir.toString(),
                "--server-key", hostKey.publicKey().toLine())).isNotNull();
        assertThatThrownBy(() -> setup(Map.of(), "--server", "h:1", "--data-dir", dir.toString(),
                "--server-key", "ssh-ed25519 AAAA"))
                .isInstanceOf(UsageError.class).hasMessageStartingWith("--server-key");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                                      | Unknown option: '--bogus'
            --port,22                                    | Unknown options: '--port', '22'
            --server,nohost                              | expected host:port, got 'nohost'
            --server,h:1,--transport,iroh                | iroh transport is not supported
            --server,h:1,-L,8080                         | Invalid value for option '--forward'
            --server,h:1,-R,1:2:3:4:5                    | Invalid value for option '--remote-forward'
            --server,h:1,--socks5,localhost              | Invalid value for option '--socks5'
            --server,h:1,--proxy,ftp://p:21              | --proxy: unsupported proxy 'ftp://p:21'
            --server,h:1,--proxy,socks5://u:pw@p:1080    | --proxy: credentials in the proxy URL are not supported
            --server,h:1,--peer,abc                      | --peer and --iroh-relay are not supported
            --server,h:1,--insecure                      | need --transport tls
            --server,h:1,--tls-server-name,x             | need --transport tls
            --server,h:1,--transport,tls,--insecure,--tls-pin,sha256/AAAA | choose one of --tls-ca, --tls-pin and
            --server,h:1,--transport,tls,--tls-pin,abcd  | --tls-pin: certificate pin 'abcd' is not a SHA-256
            --server,h:1,--transport,tls,--tls-ca,/nonexistent/ca.pem | --tls-ca: /nonexistent/ca.pem: no such file
            --server,h:1,--server-key,SHA256:abc         | not its fingerprint
            --server,h:1,--server-key,k,--known-hosts,f  | choose one of --server-key and --known-hosts
            --server,h:1,--identity,/nonexistent/id      | no identity key /nonexistent/id; create one with
            """)
    void badFlags(String args, String expected) {
        connect(args.split(",")).assertBadUsage("alknet connect", expected);
    }

    @Test
    void noServerAnywhere() {
        connect().assertBadUsage("alknet connect", "missing --server HOST:PORT (or set ALKNET_SERVER)");
    }

    @Test
    void aBadServerInTheEnvironmentNamesTheVariable() {
        Cli.Result result = new Cli().env(ClientSetup.ENV_SERVER, "no-port")
                .run("connect", "--data-dir", dir.toString());
        result.assertBadUsage("alknet connect", "ALKNET_SERVER: expected host:port");
    }

    @Test
    void aPemIdentityIsRefusedWithItsReason() throws IOException {
        Path pem = Files.writeString(dir.resolve("pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Cli.Result result = connect("--server", "h:1", "--identity", pem.toString());
        result.assertBadUsage("alknet connect", "--identity: " + pem);
    }
}
