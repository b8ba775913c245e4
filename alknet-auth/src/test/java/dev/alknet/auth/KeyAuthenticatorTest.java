package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyAuthenticatorTest {

    private static final String USER = Fixtures.text("user.pub");
    private static final String CA = Fixtures.text("ca.pub");
    private static final KeyAuthenticator AUTH = new KeyAuthenticator(Fixtures.CLOCK, Duration.ZERO);
    private static final InetAddress CLIENT = Fixtures.address("192.0.2.7");


    private static AuthorizedKeys keys(String... lines) {
        return AuthorizedKeys.parse(String.join("\n", lines), "authorized_keys", AuthorizedKeys.OnError.FAIL,
                ZoneOffset.UTC);
    }

    private static AuthResult cert(AuthorizedKeys keys, String user, String certificate, InetAddress client) {
        return AUTH.authenticate(keys, user, Fixtures.certificate(certificate), client);
    }

    private static AuthFailure reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        return ((AuthResult.Rejected) result).reason();
    }

    private static AuthResult.Accepted accepted(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        return (AuthResult.Accepted) result;
    }

    @Test
    void acceptsAListedKeyWithItsFingerprintAsIdentity() {
        AuthResult.Accepted result = accepted(AUTH.authenticate(keys(USER), "anyone", Fixtures.publicKey("user.pub"),
                CLIENT));

        assertThat(result.fingerprint()).isEqualTo(Fixtures.USER_FINGERPRINT);
        assertThat(result.portForwarding()).isTrue();
        assertThat(result.certificate()).isEmpty();
        assertThat(result.entry().lineNumber()).isEqualTo(1);
    }

    @Test
    void acceptsTheJcaKeyMinaHandsOver() {
        AuthResult result = AUTH.authenticate(keys(USER), "u", Fixtures.publicKey("user.pub").publicKey(), CLIENT);

        assertThat(accepted(result).fingerprint()).isEqualTo(Fixtures.USER_FINGERPRINT);
    }

    @Test
    void rejectsUnknownKeysAndNeverAuthenticatesACaKeyDirectly() {
        assertThat(reason(AUTH.authenticate(keys(USER), "u", Fixtures.publicKey("ecdsa256.pub"), CLIENT)))
                .isEqualTo(AuthFailure.KEY_REJECTED);
        AuthResult caAsKey = AUTH.authenticate(keys("cert-authority " + CA), "u", Fixtures.publicKey("ca.pub"), CLIENT);
        assertThat(reason(caAsKey)).isEqualTo(AuthFailure.KEY_REJECTED);
        assertThat(((AuthResult.Rejected) caAsKey).detail()).contains("only as a certificate authority");
    }

    @Test
    void honoursRestrictionsOfTheKeyLine() {
        assertThat(accepted(AUTH.authenticate(keys("restrict " + USER), "u", Fixtures.publicKey("user.pub"), CLIENT))
                .portForwarding()).isFalse();
        assertThat(accepted(AUTH.authenticate(keys("command=\"true\" " + USER), "u", Fixtures.publicKey("user.pub"),
                CLIENT)).forceCommand()).contains("true");
        assertThat(reason(AUTH.authenticate(keys("from=\"10.0.0.0/8\" " + USER), "u", Fixtures.publicKey("user.pub"),
                CLIENT))).isEqualTo(AuthFailure.FROM_MISMATCH);
        assertThat(reason(AUTH.authenticate(keys("from=\"10.0.0.0/8\" " + USER), "u", Fixtures.publicKey("user.pub"),
                null))).isEqualTo(AuthFailure.FROM_MISMATCH);
        assertThat(reason(AUTH.authenticate(keys("expiry-time=\"20260101Z\" " + USER), "u",
                Fixtures.publicKey("user.pub"), CLIENT))).isEqualTo(AuthFailure.KEY_EXPIRED);
    }

    @Test
    void aLaterLineForTheSameKeyCanAllowWhatAnEarlierOneDenies() {
        AuthorizedKeys keys = keys("from=\"10.0.0.0/8\" " + USER, "restrict " + USER);

        AuthResult.Accepted result = accepted(AUTH.authenticate(keys, "u", Fixtures.publicKey("user.pub"), CLIENT));

        assertThat(result.entry().lineNumber()).isEqualTo(2);
        assertThat(result.portForwarding()).isFalse();
    }

    @Test
    void acceptsAValidUserCertificate() {
        AuthResult.Accepted result = accepted(cert(keys("cert-authority " + CA), "bob", "cert-valid.pub", CLIENT));

        assertThat(result.fingerprint()).isEqualTo(Fixtures.USER_FINGERPRINT);
        assertThat(result.portForwarding()).isTrue();
        assertThat(result.certificate()).hasValueSatisfying(c -> {
            assertThat(c.keyId()).isEqualTo("valid");
            assertThat(c.principals()).containsExactly("alice", "bob");
            assertThat(c.signatureKey().fingerprint()).isEqualTo(Fixtures.CA_FINGERPRINT);
        });
    }

    @Test
    void acceptsCertificatesFromAnRsaCaSigningWithSha2() {
        AuthorizedKeys keys = keys("cert-authority " + Fixtures.text("ca-rsa.pub"));

        assertThat(Fixtures.certificate("cert-rsa-ca.pub").signatureAlgorithm()).isEqualTo("rsa-sha2-512");
        assertThat(cert(keys, "alice", "cert-rsa-ca.pub", CLIENT).isAccepted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "cert-other-ca.pub,        alice,   KEY_REJECTED",
        "cert-host.pub,            alice,   CERT_INVALID",
        "cert-expired.pub,         alice,   CERT_EXPIRED",
        "cert-future.pub,          alice,   CERT_NOT_YET_VALID",
        "cert-valid.pub,           mallory, PRINCIPAL_MISMATCH",
        "cert-no-principals.pub,   alice,   PRINCIPAL_MISMATCH",
        "cert-unknown-critical.pub, alice,  UNKNOWN_CRITICAL_OPTION",
        "cert-verify-required.pub, alice,   UNKNOWN_CRITICAL_OPTION",
        "cert-source-address.pub,  alice,   SOURCE_ADDRESS_MISMATCH",
    })
    void rejectsCertificatesWithADistinctReason(String certificate, String user, AuthFailure expected) {
        AuthorizedKeys keys = keys("cert-authority " + CA);

        assertThat(reason(cert(keys, user, certificate, Fixtures.address("203.0.113.1")))).isEqualTo(expected);
    }

    @Test
    void namesTheUnknownCriticalOption() {
        AuthResult result = cert(keys("cert-authority " + CA), "alice", "cert-unknown-critical.pub", CLIENT);

        assertThat(((AuthResult.Rejected) result).detail()).contains("made-up@example.com");
    }

    @Test
    void rejectsATamperedSignature() {
        SshCertificate good = Fixtures.certificate("cert-valid.pub");
        byte[] blob = Base64.getDecoder().decode(Fixtures.text("cert-valid.pub").split(" ")[1]);
        blob[blob.length - 10] ^= 1;

        SshCertificate tampered = SshCertificate.fromBlob(blob);

        assertThat(good.hasValidSignature()).isTrue();
        assertThat(reason(AUTH.authenticate(keys("cert-authority " + CA), "alice", tampered, CLIENT)))
                .isEqualTo(AuthFailure.CERT_BAD_SIGNATURE);
    }

    @Test
    void enforcesSourceAddress() {
        AuthorizedKeys keys = keys("cert-authority " + CA);

        assertThat(cert(keys, "alice", "cert-source-address.pub", Fixtures.address("10.3.2.1")).isAccepted())
                .isTrue();
        assertThat(cert(keys, "alice", "cert-source-address.pub", Fixtures.address("192.0.2.7")).isAccepted())
                .isTrue();
        assertThat(reason(cert(keys, "alice", "cert-source-address.pub", null)))
                .isEqualTo(AuthFailure.SOURCE_ADDRESS_MISMATCH);
    }

    @Test
    void acceptsForceCommandAndReportsIt() {
        AuthResult.Accepted result = accepted(cert(keys("cert-authority " + CA), "alice", "cert-force-command.pub",
                CLIENT));

        assertThat(result.forceCommand()).contains("/bin/true");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cert-authority                              | cert-valid.pub         | true",
        "cert-authority                              | cert-no-forwarding.pub | false",
        "cert-authority,no-port-forwarding           | cert-valid.pub         | false",
        "cert-authority,restrict                     | cert-valid.pub         | false",
        "cert-authority,restrict,permit-port-forwarding | cert-valid.pub      | true",
        "cert-authority,permit-port-forwarding       | cert-no-forwarding.pub | false",
    })
    void forwardingNeedsTheExtensionAndTheCaLineToAllowIt(String options, String certificate, boolean permitted) {
        AuthResult.Accepted result = accepted(cert(keys(options + " " + CA), "alice", certificate, CLIENT));

        assertThat(result.portForwarding()).isEqualTo(permitted);
    }

    @Test
    void principalsOptionOnTheCaLineRestrictsFurther() {
        AuthorizedKeys keys = keys("cert-authority,principals=\"bob,carol\" " + CA);

        assertThat(cert(keys, "bob", "cert-valid.pub", CLIENT).isAccepted()).isTrue();
        assertThat(reason(cert(keys, "alice", "cert-valid.pub", CLIENT))).isEqualTo(AuthFailure.PRINCIPAL_MISMATCH);
        assertThat(reason(cert(keys, "carol", "cert-valid.pub", CLIENT))).isEqualTo(AuthFailure.PRINCIPAL_MISMATCH);
    }

    @Test
    void caLineFromAndExpiryApplyToCertificates() {
        assertThat(reason(cert(keys("cert-authority,from=\"10.0.0.0/8\" " + CA), "alice", "cert-valid.pub", CLIENT)))
                .isEqualTo(AuthFailure.FROM_MISMATCH);
        assertThat(reason(cert(keys("cert-authority,expiry-time=\"20260601Z\" " + CA), "alice", "cert-valid.pub",
                CLIENT))).isEqualTo(AuthFailure.KEY_EXPIRED);
    }

    @Test
    void certificatesNeverAuthenticateThroughAPlainKeyLine() {
        assertThat(reason(cert(keys(USER, CA), "alice", "cert-valid.pub", CLIENT))).isEqualTo(AuthFailure.KEY_REJECTED);
    }

    @Test
    void clockSkewWidensTheValidityWindow() {
        Instant justBefore = Instant.parse("2025-12-31T23:59:30Z");
        Instant justAfter = Instant.parse("2027-01-01T00:00:30Z");
        AuthorizedKeys keys = keys("cert-authority " + CA);
        SshCertificate certificate = Fixtures.certificate("cert-valid.pub");

        for (Instant at : new Instant[] {justBefore, justAfter}) {
            Clock clock = Clock.fixed(at, ZoneOffset.UTC);
            assertThat(new KeyAuthenticator(clock, Duration.ZERO).authenticate(keys, "alice", certificate, CLIENT)
                    .isAccepted()).as("no skew at %s", at).isFalse();
            assertThat(new KeyAuthenticator(clock, Duration.ofMinutes(1)).authenticate(keys, "alice", certificate,
                    CLIENT).isAccepted()).as("1 min skew at %s", at).isTrue();
        }
        Clock exactEnd = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(reason(new KeyAuthenticator(exactEnd, Duration.ZERO).authenticate(keys, "alice", certificate,
                CLIENT))).isEqualTo(AuthFailure.CERT_EXPIRED);
    }

    @Test
    void foreverCertificatesHaveNoEnd() {
        SshCertificate certificate = Fixtures.certificate("cert-forever.pub");

        assertThat(certificate.validBefore()).isEqualTo(Instant.MAX);
        assertThat(certificate.validAfter()).isEqualTo(Instant.EPOCH);
        assertThat(cert(keys("cert-authority " + CA), "alice", "cert-forever.pub", CLIENT).isAccepted()).isTrue();
    }
}
