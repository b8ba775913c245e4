package dev.alknet.transport.internal.server;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.server.SshServer;

/**
 * Trims MINA's default algorithm lists to those without known weaknesses, so that {@code ssh-audit} finds nothing
 * to fail: no SHA-1 in key exchange, MACs or signatures, no CBC or RC4 ciphers, no DSA, no NIST curves for key
 * exchange (ssh-audit fails them as possibly backdoored), and only encrypt-then-MAC MACs (aes-gcm and
 * chacha20-poly1305 carry their own). What remains keeps every OpenSSH client of the last decade working:
 * curve25519 (and the post-quantum hybrids MINA offers), aes-gcm, chacha20-poly1305, aes-ctr with etm MACs.
 */
final class Algorithms {

    private Algorithms() {
    }

    static void restrict(SshServer server) {
        server.setKeyExchangeFactories(keep(server.getKeyExchangeFactories(),
                name -> !name.contains("sha1") && !name.contains("nistp")));
        server.setCipherFactories(keep(server.getCipherFactories(),
                name -> !name.contains("cbc") && !name.contains("arcfour") && !name.equals("none")));
        server.setMacFactories(keep(server.getMacFactories(),
                name -> name.endsWith("-etm@openssh.com") && !name.contains("sha1") && !name.contains("md5")));
        server.setSignatureFactories(keep(server.getSignatureFactories(),
                name -> !name.startsWith("ssh-rsa") && !name.startsWith("ssh-dss")));
    }

    private static <T extends NamedResource> List<T> keep(List<T> factories, Predicate<String> wanted) {
        return factories.stream().filter(f -> wanted.test(f.getName().toLowerCase(Locale.ROOT))).toList();
    }
}
