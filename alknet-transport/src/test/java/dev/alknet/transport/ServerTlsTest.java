package dev.alknet.transport;

import static dev.alknet.transport.Fixtures.tls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.config.TlsFiles;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {

    @TempDir
    Path dir;

    @Test
    void loadsPkcs8Pkcs1AndSec1Keys() throws Exception {
        for (TlsFiles files : new TlsFiles[] {
                Fixtures.server(),
                new TlsFiles(tls("server.cert.pem"), tls("server-pkcs1.key.pem")),
                new TlsFiles(tls("server-ec.cert.pem"), tls("server-ec.key.pem"))}) {
            SslContext context = ServerTls.newContext(files);
            assertThat(context.isServer()).as(files.toString()).isTrue();
        }
    }

    @Test
    void servesAnExpiredCertificateWithAWarningOnly() throws Exception {
        assertThat(ServerTls.newContext(new TlsFiles(tls("expired.cert.pem"), tls("server.key.pem"))))
                .isNotNull();
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(missing, tls("server.key.pem"))))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("file not found")
                .satisfies(e -> assertThat(((TlsFileException) e).file()).isEqualTo(missing));
    }

    @Test
    void nonPemFileIsNamed() throws Exception {
        Path der = Files.write(dir.resolve("cert.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x0a});
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(der, tls("server.key.pem"))))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(der.toString())
                .hasMessageContaining("PEM");
    }

    @Test
    void certificateGivenAsKeySaysThereIsNoKey() {
        Path cert = tls("server.cert.pem");
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(cert, cert)))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining("no private key block")
                .hasMessageContaining("CERTIFICATE");
    }

    @Test
    void keyGivenAsCertificateSaysThereIsNoCertificate() {
        Path key = tls("server.key.pem");
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(key, key)))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining("no CERTIFICATE block");
    }

    @Test
    void mismatchedKeyIsRefused() {
        Path key = tls("mismatched.key.pem");
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(tls("server.cert.pem"), key)))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith(key.toString())
                .hasMessageContaining("does not belong to the first certificate");
    }

    @Test
    void encryptedKeysAreRefusedWithTheFix() throws Exception {
        Path legacy = Files.writeString(dir.resolve("legacy.pem"), """
                -----BEGIN RSA PRIVATE KEY-----
                Proc-Type: 4,ENCRYPTED
                DEK-Info: AES-128-CBC,00000000000000000000000000000000

                AAAA
                -----END RSA PRIVATE KEY-----
                """);
        Path pkcs8 = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        for (Path key : new Path[] {legacy, pkcs8}) {
            assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(tls("server.cert.pem"), key)))
                    .isInstanceOf(TlsFileException.class)
                    .hasMessageContaining("encrypted")
                    .hasMessageContaining("openssl pkey");
        }
    }

    @Test
    void damagedKeyIsNamed() throws Exception {
        Path key = Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServerTls.newContext(new TlsFiles(tls("server.cert.pem"), key)))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("damaged");
    }
}
