package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.config.HostPort;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ForwardSpecProperties {

    @Property
    void anyTextGivesARecordOrAClearError(@ForAll String spec) {
        try {
            LocalForward forward = LocalForward.parse(spec);
            assertThat(LocalForward.parse(forward.toString())).isEqualTo(forward);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid -L spec \"");
        }
    }

    @Property
    void colonHeavyTextGivesARecordOrAClearError(@ForAll("colonHeavy") String spec) {
        try {
            RemoteForward.parse(spec);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid -R spec \"");
        }
    }

    @Property
    void validSpecsRoundTrip(@ForAll("forwards") LocalForward forward) {
        assertThat(LocalForward.parse(forward.toString())).isEqualTo(forward);
        RemoteForward remote = RemoteForward.parse(forward.toString());
        assertThat(remote.bind()).isEqualTo(forward.bind());
        assertThat(remote.target()).isEqualTo(forward.target());
    }

    @Provide
    Arbitrary<String> colonHeavy() {
        return Arbitraries.strings().withChars(":[]0123456789abf.%- ").ofMaxLength(40);
    }

    @Provide
    Arbitrary<LocalForward> forwards() {
        Arbitrary<String> hosts = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz0189.-_").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("::1", "fd00::5", "fe80::1%eth0", "::ffff:10.0.0.1", "127.0.0.1"));
        Arbitrary<HostPort> bind = Combinators.combine(hosts, Arbitraries.integers().between(0, 65535))
                .as(HostPort::new);
        Arbitrary<HostPort> target = Combinators.combine(hosts, Arbitraries.integers().between(1, 65535))
                .as(HostPort::new);
        return Combinators.combine(bind, target).as(LocalForward::new);
    }
}
