package dev.alknet.transport.internal.stealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StealthDetectorProperties {

    private static final byte[] PREFIX = "SSH-2.0-".getBytes(StandardCharsets.US_ASCII);

    /** Input plus the sizes of the reads it arrives in (their sum may exceed it; the last read takes the rest). */
    record Arrival(byte[] input, List<Integer> chunkSizes) {
        @Override
        public String toString() {
            return "Arrival[" + Arrays.toString(input) + " in " + chunkSizes + "]";
        }
    }

    @Provide
    Arbitrary<Arrival> arrivals() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        // Half the cases start with (a prefix of) the SSH banner, so both outcomes and the edges get exercised.
        Arbitrary<byte[]> sshLike = Combinators.combine(Arbitraries.integers().between(0, PREFIX.length), random)
                .as((keep, tail) -> {
                    byte[] input = Arrays.copyOf(PREFIX, keep + tail.length);
                    System.arraycopy(tail, 0, input, keep, tail.length);
                    return input;
                });
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(1, 12).list().ofMaxSize(40);
        return Combinators.combine(Arbitraries.oneOf(random, sshLike), sizes).as(Arrival::new);
    }

    @Property(tries = 500)
    void notFoundIffTheInputDoesNotStartWithTheSshBanner(@ForAll("arrivals") Arrival arrival) {
        byte[] input = arrival.input();
        DetectorHarness h = new DetectorHarness();
        int at = 0;
        for (int size : arrival.chunkSizes()) {
            if (at >= input.length) {
                break;
            }
            int end = Math.min(input.length, at + size);
            h.read(Arrays.copyOfRange(input, at, end));
            at = end;
        }
        if (at < input.length) {
            h.read(Arrays.copyOfRange(input, at, input.length));
        }
        DetectorHarness.Outcome outcome = h.eof().outcome();

        boolean ssh = input.length >= PREFIX.length && Arrays.equals(input, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
        if (ssh) {
            assertThat(outcome.toSsh()).isEqualTo(input);
            assertThat(outcome.written()).isEmpty();
        } else {
            assertThat(outcome.toSsh()).isEmpty();
            assertThat(outcome.written()).isEqualTo(StealthDetector.NOT_FOUND);
            assertThat(outcome.open()).isFalse();
        }
    }
}
