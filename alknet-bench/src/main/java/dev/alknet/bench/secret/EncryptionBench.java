package dev.alknet.bench.secret;

import dev.alknet.secret.EncryptedData;
import dev.alknet.secret.Encryption;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * AES-256-GCM encryption of a 64 KiB payload. Anchor: the raw JDK cipher (one Cipher, init with a fresh IV,
 * doFinal into a fresh output array). Target: {@code Encryption.encrypt} (random salt and IV, AAD, EncryptedData) ≥ 0.9x the anchor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EncryptionBench {
    private final byte[] key = new byte[32];
    private final byte[] payload = new byte[64 * 1024];
    private final byte[] iv = new byte[12];
    private Cipher cipher;
    private SecretKeySpec keySpec;
    private long counter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        new Random(1).nextBytes(payload);
        new Random(2).nextBytes(key);
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        keySpec = new SecretKeySpec(key, "AES");
    }

    @Benchmark
    public byte[] jdkGcm64k() throws GeneralSecurityException {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (n >>> (8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, iv));
        byte[] out = new byte[payload.length + 16];
        cipher.doFinal(payload, 0, payload.length, out, 0);
        return out;
    }

    @Benchmark
    public EncryptedData encryptedData64k() {
        return Encryption.encrypt(key, 1, payload);
    }
}
