package dev.alknet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.policy.TargetPattern.AlknetPrefix;
import dev.alknet.core.policy.TargetPattern.Any;
import dev.alknet.core.policy.TargetPattern.Cidr;
import dev.alknet.core.policy.TargetPattern.Host;
import dev.alknet.core.policy.TargetPattern.HostPorts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The string syntax of target patterns: what each form parses to, how it prints, and what is rejected. */
class TargetPatternTest {

    private static Cidr cidr(String address, int prefix) {
        try {
            // Literals only: getByName does no lookup for them.
            return new Cidr(InetAddress.getByName(address), prefix);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("*", new Any(), "*"),
                Arguments.of("*:*", new Any(), "*"),
                Arguments.of("*:22", new Any().onPort(22), "*:22"),
                Arguments.of("localhost", new Host("localhost"), "localhost"),
                Arguments.of("localhost:*", new Host("localhost"), "localhost"),
                Arguments.of("localhost:5432", new Host("localhost").onPort(5432), "localhost:5432"),
                Arguments.of("localhost:8000-8999", new Host("localhost").onPorts(8000, 8999), "localhost:8000-8999"),
                Arguments.of("localhost:0080", new Host("localhost").onPort(80), "localhost:80"),
                Arguments.of(" DB.Internal. ", new Host("db.internal"), "db.internal"),
                Arguments.of("*.example.com:443", new Host("*.example.com").onPort(443), "*.example.com:443"),
                Arguments.of("10.0.0.0/8", cidr("10.0.0.0", 8), "10.0.0.0/8"),
                Arguments.of("10.0.0.0/8:80", cidr("10.0.0.0", 8).onPort(80), "10.0.0.0/8:80"),
                Arguments.of("10.0.0.0/8:80-90", cidr("10.0.0.0", 8).onPorts(80, 90), "10.0.0.0/8:80-90"),
                Arguments.of("10.0.0.1", cidr("10.0.0.1", 32), "10.0.0.1"),
                Arguments.of("10.0.0.1/32:22", cidr("10.0.0.1", 32).onPort(22), "10.0.0.1:22"),
                Arguments.of("0.0.0.0/0", cidr("0.0.0.0", 0), "0.0.0.0/0"),
                Arguments.of("::1", cidr("::1", 128), "::1"),
                Arguments.of("[::1]", cidr("::1", 128), "::1"),
                Arguments.of("[::1]:22", cidr("::1", 128).onPort(22), "[::1]:22"),
                Arguments.of("fd00::/8", cidr("fd00::", 8), "fd00::/8"),
                Arguments.of("FD00:0000::/8", cidr("fd00::", 8), "fd00::/8"),
                Arguments.of("[fd00::/8]:443", cidr("fd00::", 8).onPort(443), "[fd00::/8]:443"),
                Arguments.of("::FFFE:0:0/95", cidr("::fffe:0:0", 95), "::fffe:0:0/95"),
                Arguments.of("alknet-*", new AlknetPrefix(), "alknet-*"),
                Arguments.of("alknet-*:0", new AlknetPrefix().onPort(0), "alknet-*:0"));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void parsesAndFormatsEachForm(String text, TargetPattern expected, String formatted) {
        TargetPattern parsed = TargetPattern.parse(text);

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.format()).isEqualTo(formatted);
        assertThat(parsed).hasToString(formatted);
        assertThat(TargetPattern.parse(formatted)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33          | prefix length 33 exceeds 32 for IPv4",
        "::/129               | prefix length 129 exceeds 128 for IPv6",
        "10.0.0.1/8           | bits set beyond the /8 prefix; the network is 10.0.0.0/8",
        "fd00::1/8:443        | prefix length '8:443' is not a number; an IPv6 network with a port is written in brackets",
        "10.0.0.0/x           | prefix length 'x' is not a number",
        "10.0.0.0/-1          | prefix length '-1' is not a number",
        "10.0.0.0/            | prefix length '' is not a number",
        "example.com/8        | 'example.com' is not an IP address",
        "::ffff:10.0.0.0/104  | IPv4-mapped addresses are matched as IPv4",
        "localhost:70000      | port '70000' is not a number from 0 to 65535",
        "localhost:9000-8000  | port range 9000-8000 is reversed",
        "localhost:           | port '' is not a number",
        "localhost:+80        | port '+80' is not a number",
        "localhost:80-        | port '' is not a number",
        "localhost:8o         | port '8o' is not a number",
        ":22                  | the host is empty",
        "[::1                 | '[' without a closing ']'",
        "[::1]22              | only ':port' may follow ']'",
        "[10.0.0.1]:22        | brackets are only for IPv6",
        "[alknet-*]           | brackets are only for IPv6",
        "[]:22                | brackets are only for IPv6",
        "a:b:c                | not an IPv6 address; an IPv6 target with a port is written in brackets",
        ".example.com         | a leading '.' never matches a host; write '*.example.com'",
        "a..example.com       | empty label",
        "**.example.com       | '**' is not allowed",
        "ALKNET-*             | reserved-destination pattern and is case-sensitive",
        "127.1                | ambiguous IPv4 address",
        "010.0.0.1            | ambiguous IPv4 address",
        "2130706433           | ambiguous IPv4 address",
        "db_01.internal:x-y   | port 'x' is not a number",
        "local host           | character ' ' is not allowed",
        "host;rm              | character ';' is not allowed",
        "bücher.de            | character '\\u00fc' is not allowed",
    })
    void rejectsMalformedTargetsWithAReason(String text, String reason) {
        assertThatThrownBy(() -> TargetPattern.parse(text))
                .isInstanceOfSatisfying(PolicySyntaxException.class, e -> {
                    assertThat(e.ruleIndex()).isEqualTo(PolicySyntaxException.NO_RULE);
                    assertThat(e.field()).isEqualTo("target");
                    assertThat(e.text()).isEqualTo(text);
                    assertThat(e.getMessage()).startsWith("forwarding target '").contains(reason);
                });
    }

    @Test
    void rejectsMissingAndBlankTargets() {
        assertThatThrownBy(() -> TargetPattern.parse(null)).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("forwarding target: missing; use '*' for every destination");
        assertThatThrownBy(() -> TargetPattern.parse("  ")).isInstanceOf(PolicySyntaxException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void recordsCheckTheirOwnInvariants() {
        assertThatThrownBy(() -> new Host("*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use the Any pattern");
        assertThatThrownBy(() -> new Host("db:5432")).hasMessageContaining("':' is not allowed");
        assertThatThrownBy(() -> new Host("10.0.0.1")).hasMessageContaining("CIDR");
        assertThatThrownBy(() -> new Host("alknet-*")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> cidr("10.0.0.1", 8)).hasMessageContaining("the network is 10.0.0.0/8");
        assertThatThrownBy(() -> cidr("10.0.0.0", 33)).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> cidr("10.0.0.0", -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Host("x").onPorts(5, 4)).hasMessageContaining("reversed");
        assertThatThrownBy(() -> new Host("x").onPort(65_536)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> new HostPorts(null, 1, 2)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hostGlobsAreStoredNormalised() {
        assertThat(new Host("DB.Internal.")).isEqualTo(new Host("db.internal"));
        assertThat(new Host("*.Example.COM").glob()).isEqualTo("*.example.com");
    }

    @Test
    void cidrEqualityIgnoresHostNameAndScopeOfTheAddressObject() throws UnknownHostException {
        byte[] network = {10, 0, 0, 0};
        Cidr named = new Cidr(InetAddress.getByAddress("corp.example", network), 8);
        assertThat(named).isEqualTo(new Cidr(InetAddress.getByAddress(network), 8));
        assertThat(named.network().getHostAddress()).isEqualTo("10.0.0.0");
        assertThat(Cidr.of(InetAddress.getByAddress(network)).prefixLength()).isEqualTo(32);
    }
}
