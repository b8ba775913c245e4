package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class Slip10Properties {

    @Provide
    Arbitrary<List<Integer>> childNumbers() {
        return Arbitraries.integers().list().ofMaxSize(6);
    }

    @Property
    void canonicalTextRoundTrips(@ForAll("childNumbers") List<Integer> indices) {
        DerivationPath path = new DerivationPath(indices);
        assertThat(DerivationPath.parse(path.toString())).isEqualTo(path);
    }

    @Property
    void anyTextParsesOrFailsWithInvalidPath(@ForAll String text) {
        try {
            DerivationPath path = DerivationPath.parse(text);
            assertThat(DerivationPath.parse(path.toString())).isEqualTo(path);
        } catch (SecretException e) {
            assertThat(e.error()).isEqualTo(SecretError.INVALID_PATH);
        }
    }

    @Property(tries = 100)
    void derivingStepByStepEqualsDerivingThePath(@ForAll @Size(min = 16, max = 64) byte[] seed,
            @ForAll("childNumbers") List<Integer> indices) {
        for (Curve curve : Curve.values()) {
            List<Integer> usable = curve.allowsNonHardened() ? indices
                    : indices.stream().map(i -> i | DerivationPath.HARDENED).toList();
            ExtendedKey stepwise = Slip10.master(curve, seed);
            for (int i : usable) {
                stepwise = stepwise.child(i);
            }
            ExtendedKey direct = Slip10.derive(curve, seed, new DerivationPath(usable));
            assertThat(direct.privateKey()).isEqualTo(stepwise.privateKey());
            assertThat(direct.chainCode()).isEqualTo(stepwise.chainCode());
            assertThat(direct.childNumber()).isEqualTo(stepwise.childNumber());
        }
    }
}
