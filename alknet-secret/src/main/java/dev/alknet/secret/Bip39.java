package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.WordList;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * BIP-0039 mnemonics with the English word list.
 *
 * <p>Input is NFKD-normalised, lower-cased and split on any whitespace; the seed is computed over the
 * canonical sentence (the words joined by single spaces), so stray spaces or capitals do not change the keys.
 */
public final class Bip39 {
    /** The word counts BIP-0039 defines: 128 to 256 bits of entropy in steps of 32. */
    public static final List<Integer> WORD_COUNTS = List.of(12, 15, 18, 21, 24);
    public static final int SEED_BYTES = 64;
    private static final int PBKDF2_ROUNDS = 2048;

    private Bip39() {}

    /** A fresh mnemonic of {@code words} words drawn from {@code random}. */
    public static String generate(int words, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        if (!WORD_COUNTS.contains(words)) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "a BIP39 mnemonic has 12, 15, 18, 21 or 24 words, not " + words);
        }
        byte[] entropy = new byte[words * 4 / 3];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Bytes.zero(entropy);
        }
    }

    /** The mnemonic encoding 16, 20, 24, 28 or 32 bytes of entropy. */
    public static String fromEntropy(byte[] entropy) {
        int bits = entropy.length * 8;
        if (bits < 128 || bits > 256 || bits % 32 != 0) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "BIP39 entropy is 16, 20, 24, 28 or 32 bytes, not " + entropy.length);
        }
        byte[] hash = sha256(entropy);
        int words = (bits + bits / 32) / 11;
        StringBuilder out = new StringBuilder(words * 8);
        for (int w = 0; w < words; w++) {
            int index = 0;
            for (int b = w * 11; b < w * 11 + 11; b++) {
                index = (index << 1) | bit(b < bits ? entropy : hash, b < bits ? b : b - bits);
            }
            if (w > 0) {
                out.append(' ');
            }
            out.append(WordList.ENGLISH.word(index));
        }
        return out.toString();
    }

    /**
     * Checks a mnemonic and returns its canonical form.
     *
     * @throws SecretException {@link SecretError#INVALID_MNEMONIC} naming the word count, the unknown word,
     *     or a checksum failure
     */
    public static String validate(String mnemonic) {
        byte[] entropy = toEntropy(mnemonic);
        Bytes.zero(entropy);
        return String.join(" ", words(mnemonic));
    }

    /** The entropy a valid mnemonic encodes. */
    public static byte[] toEntropy(String mnemonic) {
        List<String> words = words(mnemonic);
        if (!WORD_COUNTS.contains(words.size())) {
            throw new SecretException(SecretError.INVALID_MNEMONIC,
                    "a BIP39 mnemonic has 12, 15, 18, 21 or 24 words, this one has " + words.size());
        }
        int totalBits = words.size() * 11;
        int entropyBits = totalBits * 32 / 33;
        byte[] all = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < words.size(); w++) {
            int index = WordList.ENGLISH.indexOf(words.get(w));
            if (index < 0) {
                throw new SecretException(SecretError.INVALID_MNEMONIC,
                        "word " + (w + 1) + " \"" + words.get(w) + "\" is not in the BIP39 English word list");
            }
            for (int b = 0; b < 11; b++) {
                if ((index >> (10 - b) & 1) != 0) {
                    int pos = w * 11 + b;
                    all[pos / 8] |= (byte) (0x80 >>> (pos % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(all, entropyBits / 8);
        byte[] hash = sha256(entropy);
        for (int b = 0; b < totalBits - entropyBits; b++) {
            if (bit(all, entropyBits + b) != bit(hash, b)) {
                Bytes.zero(all);
                Bytes.zero(entropy);
                throw new SecretException(SecretError.INVALID_MNEMONIC,
                        "the BIP39 checksum does not match: a word is wrong or the words are out of order");
            }
        }
        Bytes.zero(all);
        return entropy;
    }

    /**
     * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, over the NFKD mnemonic with the salt
     * {@code "mnemonic" + NFKD(passphrase)}. The mnemonic is validated first; the passphrase may be empty.
     */
    public static byte[] seed(String mnemonic, String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        char[] sentence = validate(mnemonic).toCharArray();
        byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD))
                .getBytes(StandardCharsets.UTF_8);
        PBEKeySpec spec = new PBEKeySpec(sentence, salt, PBKDF2_ROUNDS, SEED_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(sentence, '\0');
        }
    }

    private static List<String> words(String mnemonic) {
        Objects.requireNonNull(mnemonic, "mnemonic");
        String normalised = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(24);
        for (String word : normalised.split("[\\s\\u3000]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static int bit(byte[] bytes, int index) {
        return bytes[index / 8] >> (7 - index % 8) & 1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
