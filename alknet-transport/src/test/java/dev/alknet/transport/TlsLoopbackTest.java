package dev.alknet.transport;

import static dev.alknet.transport.TlsLoopback.GUARD_SECONDS;
import static dev.alknet.transport.TlsLoopback.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.TlsFiles;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Server and client TLS against each other over real loopback sockets. */
class TlsLoopbackTest {

    private static final byte[] HELLO = ascii("hello over tls");

    private static ClientTls client(TlsClientSettings.Builder settings) throws Exception {
        return ClientTls.create(settings.build());
    }

    private static ClientTls trustingCa() throws Exception {
        return client(TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem")));
    }

    private static byte[] echo(TlsLoopback server, ClientTls client, String host) throws Exception {
        return server.exchange(client, host, HELLO, HELLO.length).get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    private static void assertRefused(TlsLoopback server, ClientTls client, String host, String why) {
        assertThatThrownBy(() -> echo(server, client, host))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(messages(e)).contains(why));
    }

    /** The messages of the whole cause chain: the JDK wraps our explanation in an SSLHandshakeException. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void caVerificationByIpAndByName() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(Fixtures.server())) {
            assertThat(echo(server, trustingCa(), "127.0.0.1")).isEqualTo(HELLO);
            TransportInfo byIp = server.sessions.poll(GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(byIp.kind()).isEqualTo(TransportKind.TLS);
            assertThat(byIp.tlsServerName()).as("no SNI for an IP address").isNull();
            assertThat(byIp.remoteIp()).isEqualTo("127.0.0.1");

            assertThat(echo(server, trustingCa(), "localhost")).isEqualTo(HELLO);
            assertThat(server.sessions.poll(GUARD_SECONDS, TimeUnit.SECONDS).tlsServerName())
                    .isEqualTo("localhost");
        }
    }

    @Test
    void pkcs1AndEcKeysServe() throws Exception {
        for (TlsFiles files : new TlsFiles[] {
                new TlsFiles(Fixtures.tls("server.cert.pem"), Fixtures.tls("server-pkcs1.key.pem")),
                new TlsFiles(Fixtures.tls("server-ec.cert.pem"), Fixtures.tls("server-ec.key.pem"))}) {
            try (TlsLoopback server = TlsLoopback.tls(files)) {
                assertThat(echo(server, trustingCa(), "127.0.0.1")).isEqualTo(HELLO);
            }
        }
    }

    @Test
    void wrongCaIsRefusedNamingTheTrustSource() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(Fixtures.server())) {
            ClientTls client = client(TlsClientSettings.builder().trustCaFile(Fixtures.tls("other-ca.cert.pem")));
            assertRefused(server, client, "127.0.0.1", "not trusted by the CA file");
            assertThat(server.sessions).isEmpty();
        }
    }

    @Test
    void systemTrustStoreRefusesAPrivateCa() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(Fixtures.server())) {
            assertRefused(server, client(TlsClientSettings.builder()), "localhost",
                    "not trusted by the system trust store");
        }
    }

    @Test
    void expiredCertificateIsRefusedByCaVerification() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(
                new TlsFiles(Fixtures.tls("expired.cert.pem"), Fixtures.tls("server.key.pem")))) {
            assertRefused(server, trustingCa(), "127.0.0.1", "not trusted by the CA file");
        }
    }

    @Test
    void pinnedCertificateConnectsAndAWrongPinIsRefused() throws Exception {
        CertificatePin pin = CertificatePin.of(CertificatePinTest.certificate("other-name.cert.pem"));
        CertificatePin wrong = CertificatePin.of(CertificatePinTest.certificate("server.cert.pem"));
        try (TlsLoopback server = TlsLoopback.tls(Fixtures.otherName())) {
            // The pin names the exact certificate, so its name (tunnel.example) need not match 127.0.0.1.
            assertThat(echo(server, client(TlsClientSettings.builder().pin(wrong).pin(pin)), "127.0.0.1"))
                    .isEqualTo(HELLO);
            assertRefused(server, client(TlsClientSettings.builder().pin(wrong.toString())), "127.0.0.1",
                    "matches none of the pinned certificates");
        }
    }

    @Test
    void hostnameMismatchFailsUnlessTheServerNameIsSet() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(Fixtures.otherName())) {
            assertRefused(server, trustingCa(), "127.0.0.1", "not for the name connected to");

            ClientTls named = client(TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem"))
                    .serverName("tunnel.example"));
            assertThat(echo(server, named, "127.0.0.1")).isEqualTo(HELLO);
            assertThat(server.sessions.poll(GUARD_SECONDS, TimeUnit.SECONDS).tlsServerName())
                    .as("SNI reaches the server").isEqualTo("tunnel.example");

            ClientTls unchecked = client(TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem"))
                    .hostnameVerification(false));
            assertThat(echo(server, unchecked, "127.0.0.1")).isEqualTo(HELLO);
        }
    }

    @Test
    void insecureConnectsToAnything() throws Exception {
        try (TlsLoopback server = TlsLoopback.tls(
                new TlsFiles(Fixtures.tls("expired.cert.pem"), Fixtures.tls("server.key.pem")))) {
            assertThat(echo(server, client(TlsClientSettings.builder().insecure()), "somewhere.invalid"))
                    .isEqualTo(HELLO);
        }
    }

    @Test
    void missingCaFileIsNamed() {
        Path missing = Path.of("/nonexistent/ca.pem");
        assertThatThrownBy(() -> client(TlsClientSettings.builder().trustCaFile(missing)))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("file not found");
    }
}
