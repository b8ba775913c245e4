package dev.alknet.secret;

import dev.alknet.secret.internal.Hashes;
import dev.alknet.secret.internal.Weierstrass;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** Ethereum addresses: the last 20 bytes of Keccak-256 of the public key, written with the EIP-55 checksum. */
public final class EthereumAddress {
    private EthereumAddress() {}

    /** The EIP-55 address ({@code 0x…}) of a derived secp256k1 key. */
    public static String of(ExtendedKey secp256k1Key) {
        if (secp256k1Key.curve() != Curve.SECP256K1) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an Ethereum address needs a secp256k1 key, not " + secp256k1Key.curve());
        }
        byte[] privateKey = secp256k1Key.privateKey();
        try {
            byte[] uncompressed = Weierstrass.SECP256K1.publicKey(privateKey, false);
            byte[] hash = Hashes.keccak256(Arrays.copyOfRange(uncompressed, 1, 65));
            return checksummed(HexFormat.of().formatHex(hash, 12, 32));
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /**
     * The EIP-55 form of a 40-digit hex address (with or without {@code 0x}, any case): a letter is upper case
     * when the matching nibble of Keccak-256 of the lower-case hex is 8 or more.
     */
    public static String checksummed(String address) {
        String hex = (address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address)
                .toLowerCase(Locale.ROOT);
        if (hex.length() != 40 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "an Ethereum address is 40 hex digits");
        }
        byte[] hash = Hashes.keccak256(hex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            char c = hex.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
