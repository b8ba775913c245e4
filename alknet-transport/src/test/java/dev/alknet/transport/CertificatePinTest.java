package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertificatePinTest {

    static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = Files.newInputStream(Fixtures.tls(name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static byte[] sha256(X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    @Test
    void hexColonHexAndBase64FormsAreTheSamePin() throws Exception {
        X509Certificate cert = certificate("server.cert.pem");
        byte[] digest = sha256(cert);
        String hex = HexFormat.of().formatHex(digest);
        String colons = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        String base64 = "sha256/" + Base64.getEncoder().encodeToString(digest);

        assertThat(CertificatePin.parse(hex)).isEqualTo(CertificatePin.of(cert));
        assertThat(CertificatePin.parse(colons)).isEqualTo(CertificatePin.of(cert));
        assertThat(CertificatePin.parse(" " + base64 + "\n")).isEqualTo(CertificatePin.of(cert));
        assertThat(CertificatePin.of(cert)).hasToString(base64);
        assertThat(CertificatePin.parse(hex).matches(cert)).isTrue();
        assertThat(CertificatePin.parse(hex).matches(certificate("other-name.cert.pem"))).isFalse();
    }

    @Test
    void malformedPinsSayWhatIsAccepted() {
        for (String bad : new String[] {"", "abc", "sha256/AAAA", "zz".repeat(32), "sha256/!!"}) {
            assertThatThrownBy(() -> CertificatePin.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64 hex digits");
        }
    }
}
