package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.internal.SshKeyCodec;
import dev.alknet.core.Identity;
import java.net.InetAddress;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderLoginsTest {

    private static final String CA = Fixtures.text("ca.pub");
    private static final InetAddress CLIENT = Fixtures.address("192.0.2.7");
    private static final Identity TEAM = new Identity("grant", Set.of("team"), Map.of("service", Set.of("gitea")));

    private final MapIdentitySource source = new MapIdentitySource();
    private final ProviderLogins logins = new ProviderLogins(source, source, Fixtures.CLOCK);

    /** A key or certificate the way MINA hands it to the server's authenticator. */
    static PublicKey presented(String fixture) {
        return SshKeyCodec.decode(Base64.getDecoder().decode(Fixtures.text(fixture).split(" ")[1]));
    }

    private static AuthFailure reason(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.Rejected.class);
        return ((LoginResult.Rejected) result).reason();
    }

    @Test
    void aResolvedKeyLogsInWithTheProvidersIdentityAndMayForward() {
        source.key(Fixtures.publicKey("user.pub"), TEAM);

        LoginResult.Accepted login = (LoginResult.Accepted) logins.authenticate("anyone", presented("user.pub"),
                CLIENT);

        assertThat(login.identity()).isEqualTo(new Identity(Fixtures.USER_FINGERPRINT, TEAM.scopes(),
                TEAM.resources()));
        assertThat(login.portForwarding()).isTrue();
        assertThat(login.certificate()).isEmpty();
    }

    @Test
    void anUnknownKeyIsRejected() {
        assertThat(reason(logins.authenticate("alice", presented("user.pub"), CLIENT)))
                .isEqualTo(AuthFailure.KEY_REJECTED);
    }

    @Test
    void aCaKeyNeverLogsInByItself() {
        source.authority(CA, TEAM);

        assertThat(logins.authenticate("alice", presented("ca.pub"), CLIENT)).isEqualTo(new LoginResult.Rejected(
                AuthFailure.KEY_REJECTED, "key " + Fixtures.CA_FINGERPRINT
                        + " is trusted only as a certificate authority"));
    }

    @Test
    void aCertificateFromATrustedCaLogsInWithTheCasGrant() {
        source.authority(CA, TEAM);

        LoginResult.Accepted login = (LoginResult.Accepted) logins.authenticate("bob", presented("cert-valid.pub"),
                CLIENT);

        assertThat(login.identity()).isEqualTo(new Identity(Fixtures.USER_FINGERPRINT, TEAM.scopes(),
                TEAM.resources()));
        assertThat(login.certificate()).isPresent();
        assertThat(login.entry().key().fingerprint()).isEqualTo(Fixtures.CA_FINGERPRINT);
    }

    @ParameterizedTest
    @CsvSource({
        "cert-valid.pub, mallory, 192.0.2.7, PRINCIPAL_MISMATCH",
        "cert-expired.pub, alice, 192.0.2.7, CERT_EXPIRED",
        "cert-source-address.pub, alice, 198.51.100.1, SOURCE_ADDRESS_MISMATCH",
        "cert-unknown-critical.pub, alice, 192.0.2.7, UNKNOWN_CRITICAL_OPTION",
        "cert-other-ca.pub, alice, 192.0.2.7, KEY_REJECTED",
        "cert-host.pub, alice, 192.0.2.7, CERT_INVALID"})
    void everyCertificateCheckOfKeyAuthenticatorApplies(String certificate, String user, String client,
            AuthFailure expected) {
        source.authority(CA, TEAM);

        assertThat(reason(logins.authenticate(user, presented(certificate), Fixtures.address(client))))
                .isEqualTo(expected);
    }

    @Test
    void aCertificateWithASourceAddressLogsInFromThere() {
        source.authority(CA, TEAM);

        assertThat(logins.authenticate("alice", presented("cert-source-address.pub"), CLIENT))
                .isInstanceOf(LoginResult.Accepted.class);
    }

    @Test
    void aCaNoLongerTrustedStopsTheNextCertificate() {
        source.authority(CA, TEAM);
        assertThat(logins.authenticate("alice", presented("cert-valid.pub"), CLIENT))
                .isInstanceOf(LoginResult.Accepted.class);

        source.authorities.clear();

        assertThat(reason(logins.authenticate("alice", presented("cert-valid.pub"), CLIENT)))
                .isEqualTo(AuthFailure.KEY_REJECTED);
    }

    @Test
    void aCaWithdrawnBetweenTheCheckAndTheLookupAdmitsNobody() {
        MapIdentitySource withdrawing = new MapIdentitySource() {
            @Override
            public java.util.Optional<Identity> resolveFromCertificateAuthority(String authority, String key) {
                return java.util.Optional.empty();
            }
        };
        withdrawing.authority(CA, TEAM);

        LoginResult result = new ProviderLogins(withdrawing, withdrawing, Fixtures.CLOCK)
                .authenticate("alice", presented("cert-valid.pub"), CLIENT);

        assertThat(result).isEqualTo(new LoginResult.Rejected(AuthFailure.KEY_REJECTED, "certificate authority "
                + Fixtures.CA_FINGERPRINT + " stopped being trusted during the login"));
    }

    @Test
    void aCaLineThatDoesNotParseIsLeftOutAndTheOthersStillWork() {
        source.authority("ssh-ed25519 not-base64!", TEAM).authority(CA, TEAM)
                .authority(CA + "\n" + Fixtures.text("user.pub"), TEAM);
        assertThat(logins.authenticate("alice", presented("user.pub"), CLIENT))
                .as("a line break cannot smuggle in a plain key").isEqualTo(new LoginResult.Rejected(
                        AuthFailure.KEY_REJECTED, "key " + Fixtures.USER_FINGERPRINT + " is not in authorized_keys"));

        assertThat(logins.authenticate("alice", presented("cert-valid.pub"), CLIENT))
                .isInstanceOf(LoginResult.Accepted.class);
    }
}
