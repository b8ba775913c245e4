package dev.alknet.core.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How IP literals are read, including the legacy IPv4 spellings Java and the C library disagree on. */
class IpLiteralTest {

    private static String decimal(String text) {
        long value = IpLiteral.decimalReading(text, 0, text.length());
        return value < 0 ? "none" : IpLiteral.formatIpv4(value);
    }

    private static String cLibrary(String text) {
        long value = IpLiteral.cLibraryReading(text, 0, text.length());
        return value < 0 ? "none" : IpLiteral.formatIpv4(value);
    }

    private static long[] ipv6(String text, boolean lenient) {
        return IpLiteral.parseIpv6(text, 0, text.length(), lenient);
    }

    // Expected values checked against InetAddress.getByName and getent (glibc) on the literals.
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,        127.0.0.1,        127.0.0.1",
        "127.1,            127.0.0.1,        127.0.0.1",
        "1.2.3,            1.2.0.3,          1.2.0.3",
        "2130706433,       127.0.0.1,        127.0.0.1",
        "4294967295,       255.255.255.255,  255.255.255.255",
        "4294967296,       none,             none",
        "1.16777215,       1.255.255.255,    1.255.255.255",
        "1.16777216,       none,             none",
        "256.1,            none,             none",
        "010.0.0.1,        10.0.0.1,         8.0.0.1",
        "0177.0.0.1,       177.0.0.1,        127.0.0.1",
        "08.1,             8.0.0.1,          none",
        "0x7f.1,           none,             127.0.0.1",
        "0X7F000001,       none,             127.0.0.1",
        "0xffffffff,       none,             255.255.255.255",
        "0x,               none,             none",
        "0,                0.0.0.0,          0.0.0.0",
        "127.000.000.001,  127.0.0.1,        127.0.0.1",
        "1.2.3.4.5,        none,             none",
        "1..2,             none,             none",
        "1.2.,             none,             none",
        ".1.2,             none,             none",
        "'1.2.3.4 ',       none,             none",
        "١٢٧.1,            none,             none",
    })
    void readsLegacyIpv4SpellingsLikeJavaAndTheCLibrary(String text, String byJava, String byC) {
        assertThat(decimal(text)).isEqualTo(byJava);
        assertThat(cLibrary(text)).isEqualTo(byC);
    }

    @Test
    void dottedQuadsAreStrictWhenAsked() {
        assertThat(IpLiteral.parseDottedQuad("10.0.0.1", 0, 8, false)).isEqualTo(0x0A00_0001L);
        assertThat(IpLiteral.parseDottedQuad("010.0.0.1", 0, 9, false)).isEqualTo(-1);
        assertThat(IpLiteral.parseDottedQuad("010.0.0.1", 0, 9, true)).isEqualTo(0x0A00_0001L);
        assertThat(IpLiteral.parseDottedQuad("1.2.3", 0, 5, true)).isEqualTo(-1);
        assertThat(IpLiteral.parseDottedQuad("1.2.3.256", 0, 9, true)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({
        "::,                       0,                  0",
        "::1,                      0,                  1",
        "1::,                      0x0001000000000000, 0",
        "2001:db8::8:800:200c:417a, 0x20010db800000000, 0x0008_0800_200c_417aL",
        "::ffff:10.0.0.1,          0,                  0x0000ffff0a000001",
        "1:2:3:4:5:6:7:8,          0x0001000200030004, 0x0005000600070008",
        "1:2:3:4:5:6::8,           0x0001000200030004, 0x0005000600000008",
    })
    void parsesIpv6(String text, String high, String low) {
        assertThat(ipv6(text, false)).containsExactly(Long.decode(high), Long.decode(low.replace("_", "")
                .replace("L", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", "1::2:", "12345::",
        "g::", "::1.2.3", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::1%", "1.2.3.4", "::-1", "::+1"})
    void rejectsMalformedIpv6(String text) {
        assertThat(ipv6(text, false)).isNull();
        assertThat(ipv6(text, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1%eth0", "00001::", "::ffff:010.0.0.1"})
    void lenientModeAcceptsWhatJavaAccepts(String text) {
        assertThat(ipv6(text, false)).isNull();
        assertThat(ipv6(text, true)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "::,                 ::",
        "0:0:0:0:0:0:0:1,    ::1",
        "1:0:0:0:0:0:0:0,    1::",
        "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "1:0:1:0:1:0:1:0,    1:0:1:0:1:0:1:0",
        "1:0:0:1:0:0:0:1,    1:0:0:1::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
    })
    void printsIpv6AsRfc5952(String text, String canonical) {
        long[] bits = ipv6(text, false);
        assertThat(IpLiteral.formatIpv6(bits[0], bits[1])).isEqualTo(canonical);
    }
}
