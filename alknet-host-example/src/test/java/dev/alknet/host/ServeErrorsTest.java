package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad flag or config: exit code 2 and exactly one line on stderr that names the problem. */
class ServeErrorsTest {

    @TempDir
    Path dir;

    private Path cert;
    private Path key;

    @BeforeEach
    void files() throws IOException {
        cert = Files.writeString(dir.resolve("cert.pem"), "x");
        key = Files.writeString(dir.resolve("key.pem"), "x");
    }

    private Cli.Result serve(String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return new Cli().run(all.toArray(String[]::new));
    }


    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                                   | Unknown option: '--bogus'
            --listen,nohost                           | expected host:port, got 'nohost'
            --listen,127.0.0.1:70000                  | port 70000 is out of range
            --listen,::1:22                           | needs brackets
            --transport,iroh                          | iroh transport is not supported by alknet-java
            --transport,quic                          | 'quic' is not a transport; use tcp or tls
            --iroh-relay,https://relay.example        | --iroh-relay is not supported
            --acme-domain,example.com                 | --acme-domain is not supported
            --stealth                                 | stealth mode requires TLS transport (--transport tls)
            --transport,tls                           | --transport tls needs a certificate
            --proxy,ftp://127.0.0.1:21                | expected socks5://host:port or http://host:port
            --proxy,socks5://user:pw@127.0.0.1:1080   | credentials in the proxy URL are not supported
            --max-auth-attempts,-1                    | --max-auth-attempts must be 0 (unlimited) or more
            --max-connections-per-ip,many             | Invalid value for option '--max-connections-per-ip'
            --config,/nonexistent/alknet.toml         | /nonexistent/alknet.toml: file not found
            --key,/nonexistent/host_key               | --key: /nonexistent/host_key: no such file
            --authorized-keys,/nonexistent/keys       | --authorized-keys: /nonexistent/keys: file not found
            --tls-cert,/nonexistent/cert.pem          | --tls-cert: /nonexistent/cert.pem: no such readable file
            --storage,jdbc:mysql://127.0.0.1/db       | --storage: storage needs a jdbc:sqlite: or jdbc:postgresql: URL
            --storage,jdbc:sqlite::memory:            | storage jdbc:sqlite::memory: cannot be opened: SQLite storage needs a database file
            --storage-user,bob                        | --storage-user needs --storage jdbc:postgresql://
            --storage,jdbc:postgresql://127.0.0.1:1/x | storage jdbc:postgresql://127.0.0.1:1/x cannot be opened
            --storage-retention-events,7              | Invalid value for option '--storage-retention-events': '7' is not an age
            --storage-retention-audit,0d              | Invalid value for option '--storage-retention-audit': the age must be positive
            """)
    void badFlags(String args, String expected) {
        serve(args.split(",")).assertBadUsage("alknet serve", expected);
    }

    @Test
    void aStoragePasswordInTheUrlIsRefusedWithoutEchoingIt() {
        Cli.Result result = serve("--storage", "jdbc:postgresql://127.0.0.1:1/x?user=a&password=hunter2");

        result.assertBadUsage("alknet serve", "leave the password out of the URL and set $ALKNET_STORAGE_PASSWORD");
        assertThat(result.err()).doesNotContain("hunter2");
    }

    @Test
    void tlsFilesWithTcp() {
        serve("--tls-cert", cert.toString(), "--tls-key", key.toString())
                .assertBadUsage("alknet serve", "incompatible with tcp transport; add --transport tls");
    }

    @Test
    void aCertificateWithoutItsKey() {
        serve("--transport", "tls", "--tls-cert", cert.toString())
                .assertBadUsage("alknet serve", "pass both --tls-cert and --tls-key");
    }

    @Test
    void aTomlErrorNamesFileLineAndKey() throws IOException {
        Path config = Files.writeString(dir.resolve("alknet.toml"), "[server]\nmax_auth_attemps = 3\n");
        serve("--config", config.toString()).assertBadUsage("alknet serve", config + ":2: server.max_auth_attemps");
    }

    @Test
    void listenerFlagsCannotPickOneOfSeveralListeners() throws IOException {
        Path config = Files.writeString(dir.resolve("alknet.toml"), """
                [[listeners]]
                listen = "127.0.0.1:2222"
                [[listeners]]
                listen = "127.0.0.1:2223"
                """);
        serve("--config", config.toString(), "--listen", "127.0.0.1:0")
                .assertBadUsage("alknet serve", "the config has 2 [[listeners]]");
    }

    @Test
    void aPrivateKeyInAuthorizedKeysIsRejectedWithoutEchoingIt() throws IOException {
        Path keyFile = dir.resolve("oops");
        OpenSshKeyPair.generateEd25519("oops").write(keyFile);
        Cli.Result result = serve("--authorized-keys", keyFile.toString());
        result.assertBadUsage("alknet serve", "this is a private key");
        assertThat(result.err()).doesNotContain(Files.readString(keyFile).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void anUnusableAuthorizedKeyLineNamesItsFileAndLine() throws IOException {
        Path keys = Files.writeString(dir.resolve("keys"), "# comment\nssh-ed25519 not-base64 bob\n");
        serve("--authorized-keys", keys.toString()).assertBadUsage("alknet serve", keys + ":2");
    }

    @Test
    void aHostKeyOthersCanReadIsRefused() throws IOException {
        Path hostKey = dir.resolve("host");
        OpenSshKeyPair.generateEd25519("host").write(hostKey);
        Files.setPosixFilePermissions(hostKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        serve("--key", hostKey.toString()).assertBadUsage("alknet serve", "UNPROTECTED PRIVATE KEY FILE");
    }
}
