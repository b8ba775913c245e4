package dev.alknet.bench.secret;

import dev.alknet.secret.Bip39;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bitcoinj.crypto.MnemonicCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BIP39 mnemonic → seed for a 24-word mnemonic with passphrase "TREZOR". Anchor: one bare JDK
 * PBKDF2WithHmacSHA512 run (2048 rounds, 64 bytes) on the same sentence and salt with a factory fetched once.
 * Target: {@code Bip39.seed} (NFKD, word-list and checksum validation, then PBKDF2) costs ≤ 1.2x the anchor.
 * bitcoinj's {@code MnemonicCode.toSeed} is a comparison row without a target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class Bip39Bench {
    private static final String MNEMONIC = "hamster diagram private dutch cause delay private meat slide toddler"
            + " razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length";

    private SecretKeyFactory factory;
    private char[] sentence;
    private byte[] salt;
    private List<String> words;

    @Setup
    public void setUp() throws GeneralSecurityException {
        factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
        sentence = MNEMONIC.toCharArray();
        salt = "mnemonicTREZOR".getBytes(StandardCharsets.UTF_8);
        words = Arrays.asList(MNEMONIC.split(" "));
    }

    @Benchmark
    public byte[] jdkPbkdf2() throws GeneralSecurityException {
        return factory.generateSecret(new PBEKeySpec(sentence, salt, 2048, 512)).getEncoded();
    }

    @Benchmark
    public byte[] bip39Seed() {
        return Bip39.seed(MNEMONIC, "TREZOR");
    }

    @Benchmark
    public byte[] bitcoinjToSeed() {
        return MnemonicCode.toSeed(words, "TREZOR");
    }
}
