package dev.alknet.bench.secret;

import dev.alknet.secret.Curve;
import dev.alknet.secret.DerivationPath;
import dev.alknet.secret.ExtendedKey;
import dev.alknet.secret.Slip10;
import java.util.concurrent.TimeUnit;
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
 * SLIP-0010 ed25519 derivation of a depth-4 path ({@code m/74'/0'/0'/n'}, n varying) from a 64-byte seed: master
 * key plus four hardened children. Target: ≥ 20,000 paths/s for the private key; the row with the public key
 * adds one Ed25519 scalar multiplication and has no target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class Slip10Bench {
    private final byte[] seed = new byte[64];
    private DerivationPath[] paths;
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i * 7);
        }
        paths = new DerivationPath[256];
        for (int n = 0; n < paths.length; n++) {
            paths[n] = DerivationPath.parse("m/74'/0'/0'/" + n + "'");
        }
    }

    @Benchmark
    public byte[] ed25519Depth4() {
        ExtendedKey key = Slip10.derive(Curve.ED25519, seed, paths[next++ & 255]);
        byte[] privateKey = key.privateKey();
        key.destroy();
        return privateKey;
    }

    @Benchmark
    public byte[] ed25519Depth4WithPublicKey() {
        ExtendedKey key = Slip10.derive(Curve.ED25519, seed, paths[next++ & 255]);
        byte[] publicKey = key.publicKey();
        key.destroy();
        return publicKey;
    }
}
