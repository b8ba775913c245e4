package dev.alknet.transport.internal.sshd;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.helpers.AbstractFactoryManager;

/**
 * Trims MINA's default algorithm lists, for the server and the client alike, to those without known weaknesses,
 * so that {@code ssh-audit} finds nothing to fail: no SHA-1 in key exchange, MACs or signatures, no CBC or RC4
 * ciphers, no DSA, no NIST curves for key exchange (ssh-audit fails them as possibly backdoored), and only
 * encrypt-then-MAC MACs (aes-gcm carries its own). What remains keeps every OpenSSH client of the last decade
 * working: curve25519 (and the post-quantum hybrids MINA offers), aes-gcm, and aes-ctr with etm MACs.
 *
 * <p>chacha20-poly1305 is left out too. MINA implements it in plain Java, at less than half the speed of OpenSSH
 * (measured: 0.45x through {@code ssh -L}), while the JDK's AES runs on AES-NI; OpenSSH clients list it first, so
 * offering it would make every default OpenSSH client take the slow path. It is also the cipher the Terrapin
 * attack (CVE-2023-48795) needs against peers without strict key exchange. Without it OpenSSH clients pick
 * aes128-ctr; alknet's client asks for aes128-gcm first.
 */
public final class Algorithms {

    /**
     * Post-quantum hybrid like sntrup761x25519, which MINA lists first, but ML-KEM is the standardised one (OpenSSH 10
     * lists it first) and BouncyCastle computes it far faster: sntrup761 key generation was 6% of alknet's client CPU
     * in a SOCKS5 transfer that renewed its keys every GiB. The client's order decides, so this is what alknet's
     * client asks for; OpenSSH clients before 9.9 keep choosing sntrup761.
     */
    private static final String PREFERRED_KEX = "mlkem768x25519-sha256";
    private static final List<String> CIPHER_PREFERENCE = List.of(
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");

    private Algorithms() {
    }

    public static void restrict(AbstractFactoryManager manager) {
        manager.setKeyExchangeFactories(keep(manager.getKeyExchangeFactories(),
                name -> !name.contains("sha1") && !name.contains("nistp")).stream()
                .sorted(Comparator.comparing(f -> !f.getName().equals(PREFERRED_KEX)))
                .toList());
        manager.setCipherFactories(keep(manager.getCipherFactories(), CIPHER_PREFERENCE::contains).stream()
                .sorted(Comparator.comparingInt(f -> CIPHER_PREFERENCE.indexOf(f.getName())))
                .toList());
        manager.setMacFactories(keep(manager.getMacFactories(),
                name -> name.endsWith("-etm@openssh.com") && !name.contains("sha1") && !name.contains("md5")));
        manager.setSignatureFactories(keep(manager.getSignatureFactories(),
                name -> !name.startsWith("ssh-rsa") && !name.startsWith("ssh-dss")));
    }

    private static <T extends NamedResource> List<T> keep(List<T> factories, Predicate<String> wanted) {
        return factories.stream().filter(f -> wanted.test(f.getName().toLowerCase(Locale.ROOT))).toList();
    }
}
