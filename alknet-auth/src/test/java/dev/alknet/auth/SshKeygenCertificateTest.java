package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates issued on the spot by the real {@code ssh-keygen -s}, checked against the system clock. */
class SshKeygenCertificateTest {

    @TempDir
    static Path dir;
    private static Path user;
    private static Path ed25519Ca;
    private static InetAddress loopback;

    private final KeyAuthenticator authenticator = new KeyAuthenticator();

    @BeforeAll
    static void keys() throws Exception {
        ExternalTool.SSH_KEYGEN.assumeAvailable();
        loopback = InetAddress.getByName("127.0.0.1");
        user = dir.resolve("user");
        ExternalTool.SSH_KEYGEN.run("-q", "-N", "", "-t", "ed25519", "-f", user.toString());
        // The CA key is written by alknet and used by ssh-keygen: both directions of the file format meet here.
        ed25519Ca = dir.resolve("ca");
        OpenSshKeyPair.generateEd25519("test ca").write(ed25519Ca);
    }

    private static Path newCa(String type, String bits) {
        Path ca = dir.resolve("ca-" + type + bits);
        if (!Files.exists(ca)) {
            ExternalTool.SSH_KEYGEN.run("-q", "-N", "", "-t", type, "-b", bits, "-f", ca.toString());
        }
        return ca;
    }

    /** Signs user.pub with {@code ca} and returns the certificate. */
    private static SshCertificate issue(Path ca, String... options) throws Exception {
        Path copy = Files.createTempFile(dir, "key", "");
        Files.delete(copy);
        Files.copy(Path.of(user + ".pub"), Path.of(copy + ".pub"));
        List<String> args = new ArrayList<>(List.of("-q", "-s", ca.toString(), "-I", "issued"));
        args.addAll(List.of(options));
        args.add(copy + ".pub");
        ExternalTool.SSH_KEYGEN.run(args.toArray(String[]::new));
        return SshCertificate.parse(Files.readString(Path.of(copy + "-cert.pub")));
    }

    private AuthResult check(Path ca, String user, SshCertificate certificate, InetAddress client) throws Exception {
        AuthorizedKeys keys = AuthorizedKeys.parse("cert-authority " + Files.readString(Path.of(ca + ".pub")));
        return authenticator.authenticate(keys, user, certificate, client);
    }

    private static AuthFailure reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        return ((AuthResult.Rejected) result).reason();
    }

    @Test
    void acceptsACurrentCertificate() throws Exception {
        SshCertificate certificate = issue(ed25519Ca, "-n", "alice,bob", "-V", "-5m:+1h");

        AuthResult result = check(ed25519Ca, "alice", certificate, loopback);

        assertThat(result.isAccepted()).isTrue();
        assertThat(((AuthResult.Accepted) result).fingerprint())
                .isEqualTo(ExternalTool.SSH_KEYGEN.run("-l", "-f", user + ".pub").split(" ")[1]);
    }

    @Test
    void rejectsExpiredAndNotYetValidCertificates() throws Exception {
        assertThat(reason(check(ed25519Ca, "alice", issue(ed25519Ca, "-n", "alice", "-V", "-3h:-2h"), loopback)))
                .isEqualTo(AuthFailure.CERT_EXPIRED);
        assertThat(reason(check(ed25519Ca, "alice", issue(ed25519Ca, "-n", "alice", "-V", "+2h:+3h"), loopback)))
                .isEqualTo(AuthFailure.CERT_NOT_YET_VALID);
    }

    @Test
    void checksPrincipals() throws Exception {
        assertThat(reason(check(ed25519Ca, "mallory", issue(ed25519Ca, "-n", "alice", "-V", "-5m:+1h"), loopback)))
                .isEqualTo(AuthFailure.PRINCIPAL_MISMATCH);
        assertThat(reason(check(ed25519Ca, "alice", issue(ed25519Ca, "-V", "-5m:+1h"), loopback)))
                .isEqualTo(AuthFailure.PRINCIPAL_MISMATCH);
    }

    @Test
    void enforcesSourceAddress() throws Exception {
        SshCertificate certificate = issue(ed25519Ca, "-n", "alice", "-V", "-5m:+1h",
                "-O", "source-address=127.0.0.0/8,::1");

        assertThat(check(ed25519Ca, "alice", certificate, loopback).isAccepted()).isTrue();
        assertThat(check(ed25519Ca, "alice", certificate, InetAddress.getByName("::1")).isAccepted()).isTrue();
        assertThat(reason(check(ed25519Ca, "alice", certificate, InetAddress.getByName("198.51.100.1"))))
                .isEqualTo(AuthFailure.SOURCE_ADDRESS_MISMATCH);
    }

    @Test
    void readsForwardingAndForcedCommandFromTheCertificate() throws Exception {
        AuthResult.Accepted restricted = (AuthResult.Accepted) check(ed25519Ca, "alice",
                issue(ed25519Ca, "-n", "alice", "-V", "-5m:+1h", "-O", "no-port-forwarding",
                        "-O", "force-command=/usr/bin/true"), loopback);

        assertThat(restricted.portForwarding()).isFalse();
        assertThat(restricted.forceCommand()).contains("/usr/bin/true");
    }

    @Test
    void rejectsUnknownCriticalOptions() throws Exception {
        AuthResult result = check(ed25519Ca, "alice",
                issue(ed25519Ca, "-n", "alice", "-V", "-5m:+1h", "-O", "critical:no-such-thing@example.org=1"),
                loopback);

        assertThat(reason(result)).isEqualTo(AuthFailure.UNKNOWN_CRITICAL_OPTION);
    }

    @Test
    void verifiesEcdsaAndRsaCaSignatures() throws Exception {
        Path ecdsaCa = newCa("ecdsa", "384");
        Path rsaCa = newCa("rsa", "3072");

        assertThat(check(ecdsaCa, "alice", issue(ecdsaCa, "-n", "alice", "-V", "-5m:+1h"), loopback).isAccepted())
                .isTrue();
        assertThat(check(rsaCa, "alice", issue(rsaCa, "-n", "alice", "-V", "-5m:+1h", "-t", "rsa-sha2-256"),
                loopback).isAccepted()).isTrue();
        assertThat(check(rsaCa, "alice", issue(rsaCa, "-n", "alice", "-V", "-5m:+1h", "-t", "rsa-sha2-512"),
                loopback).isAccepted()).isTrue();
    }

    @Test
    void refusesSha1RsaCaSignatures() throws Exception {
        Path rsaCa = newCa("rsa", "3072");

        SshCertificate sha1 = issue(rsaCa, "-n", "alice", "-V", "-5m:+1h", "-t", "ssh-rsa");

        assertThat(sha1.signatureAlgorithm()).isEqualTo("ssh-rsa");
        assertThat(reason(check(rsaCa, "alice", sha1, loopback))).isEqualTo(AuthFailure.CERT_BAD_SIGNATURE);
    }
}
