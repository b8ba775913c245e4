package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** No single-bit change to a trusted certificate yields an accepted login. */
class CertificateProperties {

    private static final byte[] VALID = Base64.getDecoder().decode(Fixtures.text("cert-valid.pub").split(" ")[1]);
    private static final AuthorizedKeys KEYS = AuthorizedKeys.parse("cert-authority " + Fixtures.text("ca.pub"));
    private static final KeyAuthenticator AUTH = new KeyAuthenticator(Fixtures.CLOCK, Duration.ZERO);

    @Property(tries = 2000)
    void anyBitFlipIsRejected(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) throws Exception {
        byte[] flipped = VALID.clone();
        int bit = position % (flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));

        SshCertificate certificate;
        try {
            certificate = SshCertificate.fromBlob(flipped);
        } catch (KeyFormatException malformed) {
            return;
        }
        AuthResult result = AUTH.authenticate(KEYS, "alice", certificate, InetAddress.getByName("192.0.2.1"));

        assertThat(result.isAccepted()).as("bit %d flipped", bit).isFalse();
    }

    @Example
    void theUnflippedCertificateIsAccepted() throws Exception {
        assertThat(AUTH.authenticate(KEYS, "alice", SshCertificate.fromBlob(VALID), InetAddress.getByName("192.0.2.1"))
                .isAccepted()).isTrue();
    }
}
