package dev.alknet.core.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** IP literal parsing and printing agree with each other and with Netty's RFC 5952 printer. */
class IpLiteralProperties {

    @Property
    void ipv6PrintsAsNettyDoesAndParsesBack(@ForAll long high, @ForAll long low) throws UnknownHostException {
        Assume.that(!IpLiteral.isIpv4Mapped(high, low));
        String text = IpLiteral.formatIpv6(high, low);

        byte[] bytes = Networks.toInetAddress(high, low, 128).getAddress();
        assertThat(text).isEqualTo(NetUtil.toAddressString(InetAddress.getByAddress(bytes)));
        assertThat(IpLiteral.parseIpv6(text, 0, text.length(), false)).containsExactly(high, low);
    }

    @Property
    void uncompressedIpv6ParsesToTheSameBits(@ForAll long high, @ForAll long low) {
        String full = String.format("%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04X",
                high >>> 48, (high >>> 32) & 0xFFFF, (high >>> 16) & 0xFFFF, high & 0xFFFF,
                low >>> 48, (low >>> 32) & 0xFFFF, (low >>> 16) & 0xFFFF, low & 0xFFFF);
        assertThat(IpLiteral.parseIpv6(full, 0, full.length(), false)).containsExactly(high, low);
    }

    @Property
    void everyUnambiguousIpv4SpellingReadsAsTheSameAddress(@ForAll @LongRange(max = 0xFFFF_FFFFL) long value) {
        String dotted = IpLiteral.formatIpv4(value);
        assertThat(IpLiteral.parseDottedQuad(dotted, 0, dotted.length(), false)).isEqualTo(value);
        assertBothRead(dotted, value);
        assertBothRead(Long.toString(value), value);
        assertBothRead((value >>> 24) + "." + (value & 0xFF_FFFF), value);
        assertBothRead((value >>> 24) + "." + ((value >>> 16) & 0xFF) + "." + (value & 0xFFFF), value);
        String hex = "0x" + Long.toHexString(value);
        assertThat(IpLiteral.cLibraryReading(hex, 0, hex.length())).isEqualTo(value);
        String octal = "0" + Long.toOctalString(value);
        assertThat(IpLiteral.cLibraryReading(octal, 0, octal.length())).isEqualTo(value);
    }

    private static void assertBothRead(String text, long value) {
        assertThat(IpLiteral.decimalReading(text, 0, text.length())).isEqualTo(value);
        assertThat(IpLiteral.cLibraryReading(text, 0, text.length())).isEqualTo(value);
    }

    @Property
    void parsersNeverThrow(@ForAll String text, @ForAll boolean lenient) {
        int n = text.length();
        IpLiteral.parseIpv6(text, 0, n, lenient);
        IpLiteral.parseDottedQuad(text, 0, n, lenient);
        IpLiteral.decimalReading(text, 0, n);
        IpLiteral.cLibraryReading(text, 0, n);
    }
}
