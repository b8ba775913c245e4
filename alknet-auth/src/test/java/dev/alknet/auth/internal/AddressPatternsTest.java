package dev.alknet.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPatternsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1                 | 192.0.2.1      | true",
        "192.0.2.1                 | 192.0.2.2      | false",
        "192.0.2.*                 | 192.0.2.200    | true",
        "192.0.2.?                 | 192.0.2.20     | false",
        "192.0.2.?                 | 192.0.2.2      | true",
        "*,!192.0.2.2              | 192.0.2.2      | false",
        "!192.0.2.2,*              | 192.0.2.3      | true",
        "!192.0.2.2                | 192.0.2.3      | false",
        "10.0.0.0/8                | 10.9.8.7       | true",
        "10.0.0.0/8                | ::ffff:10.9.8.7| true",
        "10.128.0.0/9              | 10.127.0.1     | false",
        "0.0.0.0/0                 | 203.0.113.9    | true",
        "2001:db8::/32             | 2001:db8::1    | true",
        "2001:DB8::1               | 2001:db8:0:0::1| true",
        "2001:db8::*               | 2001:db8::77   | true",
        "::/0                      | 192.0.2.1      | false",
        "*.example.com             | 192.0.2.1      | false",
        "fe80::/10                 | fe80::1%1      | true",
    })
    void matchesLikeOpenSshWithoutDns(String patterns, String address, boolean allowed) throws Exception {
        assertThat(AddressPatterns.parse(patterns).allows(InetAddress.getByName(address))).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''             | empty pattern",
        "a,,b           | empty pattern",
        "!              | empty pattern",
        "10.0.0.0/33    | longer than the address",
        "10.0.0.1/24    | host bits",
        "10.0.0.0/x     | prefix length",
        "example.com/24 | not a numeric IP address",
        "a b            | space",
    })
    void rejectsMalformedPatterns(String patterns, String problem) {
        assertThatThrownBy(() -> AddressPatterns.parse(patterns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
