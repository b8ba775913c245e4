package dev.alknet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviour table of the forwarding policy: evaluation order, principals, transports and each pattern. */
class ForwardingPolicyTest {

    private static final Identity ALICE = new Identity("SHA256:alice", Set.of("ops"), Map.of());
    private static final Identity BOB = Identity.of("SHA256:bob", "dev");

    private static ForwardingPolicy allowOnly(String target) {
        return ForwardingPolicy.builder(ForwardingAction.DENY).allow(TargetPattern.parse(target)).build();
    }

    private static ForwardingPolicy denyOnly(String target) {
        return ForwardingPolicy.builder(ForwardingAction.ALLOW).deny(TargetPattern.parse(target)).build();
    }

    private static boolean permits(ForwardingPolicy policy, String host, int port) {
        return policy.permits(host, port, ALICE, TransportKind.TCP);
    }

    @Test
    void firstMatchingRuleWins() {
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.DENY)
                .deny(TargetPattern.parse("localhost:22"))
                .allow(TargetPattern.parse("localhost:*"))
                .build();

        assertThat(policy.decide("localhost", 22, ALICE, TransportKind.TCP))
                .isEqualTo(new ForwardingDecision(ForwardingAction.DENY, 0));
        assertThat(policy.decide("localhost", 8080, ALICE, TransportKind.TCP))
                .isEqualTo(new ForwardingDecision(ForwardingAction.ALLOW, 1));
    }

    @Test
    void noMatchFallsThroughToTheDefault() {
        ForwardingDecision decision = allowOnly("db.internal").decide("web.internal", 80, ALICE, TransportKind.TCP);

        assertThat(decision.action()).isEqualTo(ForwardingAction.DENY);
        assertThat(decision.byDefault()).isTrue();
        assertThat(decision.ruleIndex()).isEqualTo(ForwardingDecision.DEFAULT_RULE);
    }

    @Test
    void allowAllAndDenyAllHaveNoRules() {
        assertThat(ForwardingPolicy.allowAll().rules()).isEmpty();
        assertThat(ForwardingPolicy.allowAll().permits("anything", 1, Identity.anonymous(), TransportKind.DNS))
                .isTrue();
        assertThat(ForwardingPolicy.denyAll().permits("localhost", 80, ALICE, TransportKind.TCP)).isFalse();
    }

    @Test
    void allowlistAllowsOnlyWhatIsListed() {
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.DENY)
                .allow(TargetPattern.parse("localhost:*"))
                .allow(TargetPattern.parse("alknet-*"))
                .build();

        assertThat(permits(policy, "localhost", 5432)).isTrue();
        assertThat(permits(policy, "alknet-control", 0)).isTrue();
        assertThat(permits(policy, "example.com", 443)).isFalse();
    }

    @Test
    void blocklistAllowsAllButWhatIsListed() {
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.ALLOW)
                .deny(TargetPattern.parse("*:22"))
                .deny(TargetPattern.parse("169.254.169.254"))
                .build();

        assertThat(permits(policy, "example.com", 22)).isFalse();
        assertThat(permits(policy, "169.254.169.254", 80)).isFalse();
        assertThat(permits(policy, "example.com", 443)).isTrue();
    }

    @Test
    void principalMatchesByIdOrByScope() {
        ForwardingPolicy policy = ForwardingPolicy.of(ForwardingAction.DENY, List.of(
                ForwardingRule.allow(TargetPattern.parse("db.internal")).withPrincipals("SHA256:bob"),
                ForwardingRule.allow(TargetPattern.parse("metrics.internal")).withPrincipals("ops")));

        assertThat(policy.permits("db.internal", 5432, BOB, TransportKind.TCP)).isTrue();
        assertThat(policy.permits("db.internal", 5432, ALICE, TransportKind.TCP)).isFalse();
        assertThat(policy.permits("metrics.internal", 9100, ALICE, TransportKind.TCP)).isTrue();
        assertThat(policy.permits("metrics.internal", 9100, BOB, TransportKind.TCP)).isFalse();
    }

    @Test
    void starPrincipalAndEmptyPrincipalsMeanEveryoneIncludingAnonymous() {
        ForwardingRule star = ForwardingRule.allow(new TargetPattern.Any()).withPrincipals("*");
        assertThat(star.principals()).isEmpty();
        assertThat(star.appliesToEveryone()).isTrue();

        ForwardingPolicy policy = ForwardingPolicy.of(ForwardingAction.DENY, List.of(star));
        assertThat(policy.permits("x", 1, Identity.anonymous(), TransportKind.TCP)).isTrue();
        assertThat(policy.permits("x", 1, BOB, TransportKind.TCP)).isTrue();
    }

    @Test
    void anonymousMatchesNoNamedPrincipal() {
        ForwardingPolicy policy = ForwardingPolicy.of(ForwardingAction.DENY, List.of(
                ForwardingRule.allow(new TargetPattern.Any()).withPrincipals("ops", "SHA256:bob")));

        assertThat(policy.permits("x", 1, Identity.anonymous(), TransportKind.TCP)).isFalse();
        assertThatThrownBy(() -> ForwardingRule.allow(new TargetPattern.Any()).withPrincipals(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transportsMatchByKind() {
        ForwardingPolicy policy = ForwardingPolicy.of(ForwardingAction.DENY, List.of(
                ForwardingRule.allow(TargetPattern.parse("alknet-*")).withTransports(TransportKind.WEBTRANSPORT),
                ForwardingRule.allow(new TargetPattern.Any())
                        .withTransports(TransportKind.TCP, TransportKind.TLS)));

        assertThat(policy.permits("alknet-control", 0, ALICE, TransportKind.WEBTRANSPORT)).isTrue();
        assertThat(policy.permits("example.com", 443, ALICE, TransportKind.WEBTRANSPORT)).isFalse();
        assertThat(policy.permits("example.com", 443, ALICE, TransportKind.TLS)).isTrue();
        assertThat(policy.permits("example.com", 443, ALICE, TransportKind.WEBSOCKET)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "db.internal,       db.internal,       true",
        "db.internal,       db.internal.evil,  false",
        "db.internal,       xdb.internal,      false",
        "*.example.com,     a.example.com,     true",
        "*.example.com,     a.b.example.com,   true",
        "*.example.com,     example.com,       false",
        "*.example.com,     evilexample.com,   false",
        "*.example.com,     .example.com,      false",
        "*.example.com,     example.com.evil,  false",
        "db-*,              db-main,           true",
        "db-*,              db-,               false",
        "db-*,              web-db-main,       false",
        "*.internal,        cache.internal,    true",
        "*.internal,        internal,          false",
        "*.db-*.internal,   eu.db-7.internal,  true",
        "*.db-*.internal,   db-7.internal,     false",
        "a*b*c,             axbxc,             true",
        "a*b*c,             abc,               false",
        "a*b*c,             axbbc,             true",
    })
    void hostPatternsAreAnchoredGlobs(String pattern, String host, boolean matches) {
        assertThat(permits(allowOnly(pattern), host, 80)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8,      10.0.0.0,          true",
        "10.0.0.0/8,      10.255.255.255,    true",
        "10.0.0.0/8,      9.255.255.255,     false",
        "10.0.0.0/8,      11.0.0.0,          false",
        "192.168.1.0/24,  192.168.1.255,     true",
        "192.168.1.0/24,  192.168.2.0,       false",
        "0.0.0.0/0,       203.0.113.9,       true",
        "0.0.0.0/0,       ::1,               false",
        "10.0.0.1,        10.0.0.1,          true",
        "10.0.0.1,        10.0.0.2,          false",
        "fd00::/8,        fd00::,            true",
        "fd00::/8,        fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "fd00::/8,        fc00::1,           false",
        "fd00::/8,        fe00::,            false",
        "2001:db8::/32,   2001:db8:ffff::1,  true",
        "2001:db8::/32,   2001:db9::1,       false",
        "2001:db8::/64,   2001:db8::ffff:1,  true",
        "2001:db8::/65,   2001:db8::8000:0:0:1, false",
        "::/0,            2001:db8::1,       true",
        "::/0,            10.0.0.1,          false",
        "::1,             ::1,               true",
        "::1,             0:0:0:0:0:0:0:1,   true",
        "::1,             ::2,               false",
    })
    void cidrPatternsMatchAddressesIncludingBoundaries(String pattern, String host, boolean matches) {
        assertThat(permits(allowOnly(pattern), host, 80)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"7999, false", "8000, true", "8500, true", "8999, true", "9000, false"})
    void portRangesIncludeBothEnds(int port, boolean matches) {
        assertThat(permits(allowOnly("localhost:8000-8999"), "localhost", port)).isEqualTo(matches);
        assertThat(permits(allowOnly("10.0.0.0/8:8000-8999"), "10.1.2.3", port)).isEqualTo(matches);
        assertThat(permits(allowOnly("[fd00::/8]:8000-8999"), "fd00::1", port)).isEqualTo(matches);
    }

    @Test
    void singlePortsAndAnyHostWithAPort() {
        ForwardingPolicy policy = denyOnly("*:22");
        assertThat(permits(policy, "example.com", 22)).isFalse();
        assertThat(permits(policy, "10.0.0.1", 22)).isFalse();
        assertThat(permits(policy, "example.com", 21)).isTrue();
        assertThat(permits(policy, "example.com", 23)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "alknet-control,      true",
        "alknet-anything,     true",
        "ALKNET-control,      false",
        "Alknet-control,      false",
        "alknet.example.com,  false",
        "alknetcontrol,       false",
        "x.alknet-control,    false",
    })
    void alknetPrefixIsCaseSensitive(String host, boolean matches) {
        assertThat(permits(allowOnly("alknet-*"), host, 0)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.internal", "DB.Internal", "DB.INTERNAL.", "db.internal."})
    void hostNamesIgnoreCaseAndOneTrailingDot(String host) {
        assertThat(permits(denyOnly("db.internal"), host, 5432)).isFalse();
        assertThat(permits(denyOnly("*.internal"), host, 5432)).isFalse();
        assertThat(permits(denyOnly("DB.Internal."), host, 5432)).isFalse();
    }

    @Test
    void onlyOneTrailingDotIsIgnored() {
        assertThat(permits(allowOnly("db.internal"), "db.internal..", 5432)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "[::1]", "0:0:0:0:0:0:0:1", "[0::1]", "::0001", "::1%lo", "[::1%1]"})
    void ipv6SpellingsAreOneAddress(String host) {
        assertThat(permits(denyOnly("::1"), host, 22)).isFalse();
        assertThat(permits(denyOnly("[::1]:22"), host, 22)).isFalse();
        assertThat(permits(denyOnly("::/127"), host, 22)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.0.0.1", "[::ffff:10.0.0.1]", "::FFFF:a00:1", "0:0:0:0:0:ffff:0a00:0001"})
    void ipv4MappedIpv6MatchesIpv4Networks(String host) {
        assertThat(permits(denyOnly("10.0.0.0/8"), host, 80)).isFalse();
        assertThat(permits(denyOnly("10.0.0.*"), host, 80)).isFalse();
        assertThat(permits(allowOnly("10.0.0.0/8"), host, 80)).isTrue();
        assertThat(permits(allowOnly("::/0"), host, 80)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.1", "0X7F000001", "0177.0.0.1", "127.0.0.1.", "127.000.000.001"})
    void otherIpv4SpellingsCannotDodgeADenyRule(String host) {
        assertThat(permits(denyOnly("127.0.0.0/8"), host, 80)).isFalse();
        assertThat(permits(denyOnly("127.0.0.1"), host, 80)).isFalse();
        assertThat(permits(denyOnly("127.0.0.*"), host, 80)).isFalse();
    }

    @Test
    void ambiguousIpv4SpellingsMatchAnAllowRuleOnlyWhenEveryReadingDoes() {
        // Java reads 010.0.0.1 as 10.0.0.1, the C library as 8.0.0.1.
        assertThat(permits(allowOnly("10.0.0.0/8"), "010.0.0.1", 80)).isFalse();
        assertThat(permits(allowOnly("8.0.0.0/7"), "010.0.0.1", 80)).isFalse();
        assertThat(permits(allowOnly("8.0.0.0/6"), "010.0.0.1", 80)).isTrue();
        assertThat(permits(denyOnly("10.0.0.0/8"), "010.0.0.1", 80)).isFalse();
        assertThat(permits(denyOnly("8.0.0.0/8"), "010.0.0.1", 80)).isFalse();
        assertThat(permits(allowOnly("10.0.0.0/8"), "10.1", 80)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.1.nip.io", "ip6-localhost", "x10.0.0.1", "1.2.3.4.5", "[10.0.0.1]"})
    void hostNamesNeverMatchCidrs(String host) {
        assertThat(permits(allowOnly("0.0.0.0/0"), host, 80)).isFalse();
        assertThat(permits(allowOnly("::/0"), host, 80)).isFalse();
        assertThat(permits(denyOnly("0.0.0.0/0"), host, 80)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "[", "]", "[]", "[:]", ":::", "%", "::1%", "\u0000", "a b", "\n127.0.0.1",
        "[::1", "::1]", "0x", "0x.0x.0x.0x", "4294967296", "1.2.3.256", "ÿ.example.com", "\uD800"})
    void garbageHostsAreNamesThatOnlyCatchAllPatternsMatch(String host) {
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.DENY)
                .allow(TargetPattern.parse("0.0.0.0/0"))
                .allow(TargetPattern.parse("::/0"))
                .allow(TargetPattern.parse("alknet-*"))
                .allow(TargetPattern.parse("*.example.com:22"))
                .build();
        assertThat(policy.decide(host, 80, ALICE, TransportKind.TCP).byDefault()).isTrue();
        assertThat(ForwardingPolicy.allowAll().permits(host, 80, ALICE, TransportKind.TCP)).isTrue();
        assertThat(permits(allowOnly("*:80"), host, 80)).isTrue();
    }

    @Test
    void portsOutsideTheTcpRangeMatchOnlyPortlessPatterns() {
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.ALLOW)
                .deny(TargetPattern.parse("*:0-65535"))
                .build();
        assertThat(permits(policy, "example.com", -1)).isTrue();
        assertThat(permits(policy, "example.com", 70_000)).isTrue();
        assertThat(permits(denyOnly("example.com"), "example.com", 70_000)).isFalse();
    }

    @Test
    void decisionsNameTheRuleNotTheDestination() {
        ForwardingPolicy policy = denyOnly("secret.internal");
        ForwardingDecision denied = policy.decide("secret.internal", 443, ALICE, TransportKind.TCP);

        assertThat(denied).hasToString("deny by rule 0");
        assertThat(policy.decide("public.example", 443, ALICE, TransportKind.TCP)).hasToString("allow by default");
        assertThat(policy.rules().get(denied.ruleIndex())).hasToString("deny secret.internal");
    }

    @Test
    void policiesAreImmutableValues() {
        List<ForwardingRule> rules = new ArrayList<>();
        rules.add(ForwardingRule.deny(TargetPattern.parse("*:22")));
        ForwardingPolicy policy = ForwardingPolicy.of(ForwardingAction.ALLOW, rules);
        rules.clear();

        assertThat(policy.rules()).hasSize(1);
        assertThatThrownBy(() -> policy.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(policy).isEqualTo(denyOnly("*:22")).hasSameHashCodeAs(denyOnly("*:22"));
        assertThat(policy.defaultAction()).isEqualTo(ForwardingAction.ALLOW);
    }
}
