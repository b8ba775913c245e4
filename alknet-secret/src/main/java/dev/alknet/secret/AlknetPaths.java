package dev.alknet.secret;

import static dev.alknet.secret.DerivationPath.hardened;

import dev.alknet.secret.internal.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The alknet derivation paths (alknet-spec.md §2.13). Coin type 74' is unallocated in SLIP-0044 and reserved
 * for alknet. Every alknet path is hardened throughout, so all of them work on ed25519.
 */
public final class AlknetPaths {
    /** The node's primary identity keypair (Ed25519). */
    public static final DerivationPath IDENTITY = path(74, 0, 0, 0);
    /** The SSH host key (Ed25519). */
    public static final DerivationPath SSH_HOST_KEY = path(74, 0, 1, 0);
    /** The AES-256-GCM key for stored external credentials, key version 1. */
    public static final DerivationPath ENCRYPTION_KEY = encryptionKey(1);
    /** The Ethereum signing key (secp256k1, BIP-0044 account 0, first external address). */
    public static final DerivationPath ETHEREUM = new DerivationPath(
            List.of(hardened(44), hardened(60), hardened(0), 0, 0));

    private AlknetPaths() {}

    /**
     * A worker or device identity {@code m/74'/0'/0'/{n}'}. {@code n} starts at 1: index 0 is the node's own
     * {@link #IDENTITY}.
     */
    public static DerivationPath worker(int n) {
        if (n < 1) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "worker numbers start at 1 (m/74'/0'/0'/0' is the node identity), not " + n);
        }
        return path(74, 0, 0, n);
    }

    /**
     * The encryption key of {@code version}: {@code m/74'/2'/0'/{version - 1}'}, so version 1 is the spec's
     * {@code m/74'/2'/0'/0'} and rotating to N+1 moves to the next index.
     */
    public static DerivationPath encryptionKey(int version) {
        if (version < 1) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "key versions start at 1, not " + version);
        }
        return path(74, 2, 0, version - 1);
    }

    /** The site password path {@code m/74'/1'/0'/{siteIndex(site)}'}. */
    public static DerivationPath password(String site) {
        return path(74, 1, 0, siteIndex(site));
    }

    /**
     * The index a site maps to: the site is trimmed, NFKC-normalised and lower-cased (so {@code GitHub.com}
     * and {@code github.com} are one site), then the first four bytes of its UTF-8 SHA-256, big-endian, with
     * the top bit cleared (an index is below 2^31).
     */
    public static int siteIndex(String site) {
        Objects.requireNonNull(site, "site");
        String normalised = Normalizer.normalize(site.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "a site name must not be blank");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return Bytes.getInt(digest, 0) & ~DerivationPath.HARDENED;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static DerivationPath path(int... indices) {
        return new DerivationPath(Arrays.stream(indices).map(DerivationPath::hardened).boxed().toList());
    }
}
