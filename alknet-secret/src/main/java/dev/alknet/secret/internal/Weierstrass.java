package dev.alknet.secret.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The short-Weierstrass curves of SLIP-0010 (secp256k1, NIST P-256): point(k) and the group order. */
public final class Weierstrass {
    public static final Weierstrass SECP256K1 = new Weierstrass("secp256k1");
    public static final Weierstrass NIST256P1 = new Weierstrass("secp256r1");

    private final X9ECParameters params;
    private final FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();

    private Weierstrass(String name) {
        this.params = CustomNamedCurves.getByName(name);
    }

    public BigInteger order() {
        return params.getN();
    }

    /** point(k) in SEC1 encoding: 33 bytes compressed or 65 bytes uncompressed. */
    public byte[] publicKey(byte[] privateKey, boolean compressed) {
        ECPoint point = multiplier.multiply(params.getG(), new BigInteger(1, privateKey)).normalize();
        return point.getEncoded(compressed);
    }
}
