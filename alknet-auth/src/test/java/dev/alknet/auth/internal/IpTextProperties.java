package dev.alknet.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class IpTextProperties {

    @Property
    void formattedAddressesParseBackToTheSameAddress(@ForAll("addresses") byte[] bytes) throws Exception {
        InetAddress address = InetAddress.getByAddress(bytes);

        String text = IpText.format(address);

        assertThat(IpText.parseNumeric(text)).isEqualTo(IpText.normalise(address).getAddress());
        assertThat(text).doesNotContain(":::").matches("[0-9a-f:.]+");
    }

    @Property
    void everyAddressIsInsideItsOwnFullLengthBlock(@ForAll("addresses") byte[] bytes) throws Exception {
        InetAddress address = InetAddress.getByAddress(bytes);

        assertThat(CidrBlock.parse(IpText.format(address)).contains(address)).isTrue();
    }

    @Property
    void randomTextIsANumericAddressOrAnIllegalArgument(@ForAll @Size(max = 50) String text) {
        try {
            CidrBlock.parse(text);
            AddressPatterns.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Example
    void formatsIpv6TheWayOpenSshPrintsIt() throws Exception {
        assertThat(IpText.format(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(IpText.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpText.format(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpText.format(InetAddress.getByName("::ffff:192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(IpText.format(InetAddress.getByName("fe80::1%1"))).isEqualTo("fe80::1");
    }

    @Example
    void neverResolvesHostNames() {
        assertThatThrownBy(() -> IpText.parseNumeric("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpText.parseNumeric("1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpText.parseNumeric("256.1.1.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<byte[]> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
        Arbitrary<byte[]> sparseV6 = Arbitraries.of((byte) 0, (byte) 0, (byte) 1, (byte) 0xff)
                .array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(v4, v6, sparseV6);
    }
}
