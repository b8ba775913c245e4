package dev.alknet.core.policy;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.TargetPattern.AlknetPrefix;
import dev.alknet.core.policy.TargetPattern.Any;
import dev.alknet.core.policy.TargetPattern.Cidr;
import dev.alknet.core.policy.TargetPattern.Host;
import dev.alknet.core.policy.TargetPattern.HostPattern;
import dev.alknet.core.policy.internal.HostGlob;
import dev.alknet.core.policy.internal.IpLiteral;
import dev.alknet.core.policy.internal.Networks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators shared by the policy properties: patterns, rules, identities and destination hosts. */
final class PolicyArbitraries {

    static final List<Identity> IDENTITIES = List.of(
            Identity.anonymous(),
            new Identity("SHA256:alice", Set.of("ops"), Map.of()),
            Identity.of("SHA256:bob", "dev", "ops"),
            Identity.of("SHA256:carol"));

    private static final List<String> PRINCIPALS = List.of("SHA256:alice", "SHA256:bob", "ops", "dev");

    private static final List<String> NAMES = List.of("localhost", "db.internal", "DB.Internal.", "a.example.com",
            "example.com", "evilexample.com", "alknet-control", "ALKNET-control", "db-main", "x.db-1.internal");

    private PolicyArbitraries() {
    }

    static Arbitrary<String> labels() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_").ofMinLength(1)
                .ofMaxLength(6);
    }

    static Arbitrary<String> globs() {
        Arbitrary<String> piece = Arbitraries.oneOf(labels(), labels().map(l -> l + "*"), labels().map(l -> "*" + l),
                Arbitraries.just("*"));
        return piece.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts))
                .filter(glob -> HostGlob.problem(HostGlob.normalise(glob)) == null);
    }

    static Arbitrary<Cidr> cidrs() {
        Arbitrary<Cidr> v4 = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.integers().between(0, 32)).as((value, prefix) -> network(0, value, 32, prefix));
        Arbitrary<Cidr> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(),
                Arbitraries.integers().between(0, 128)).as((high, low, prefix) -> network(high, low, 128, prefix))
                .filter(cidr -> cidr != null);
        return Arbitraries.oneOf(v4, v6);
    }

    private static Cidr network(long high, long low, int bits, int prefix) {
        long maskedHigh = high & Networks.maskHigh(prefix, bits);
        long maskedLow = low & Networks.maskLow(prefix, bits);
        if (Networks.problem(maskedHigh, maskedLow, bits, prefix) != null) {
            return null;
        }
        return new Cidr(Networks.toInetAddress(maskedHigh, maskedLow, bits), prefix);
    }

    static Arbitrary<HostPattern> hostPatterns() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Any())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AlknetPrefix())),
                net.jqwik.api.Tuple.of(3, globs().map(Host::new)),
                net.jqwik.api.Tuple.of(3, cidrs()));
    }

    static Arbitrary<TargetPattern> targets() {
        Arbitrary<Integer> ports = Arbitraries.integers().between(0, 65_535).edgeCases(c -> c.add(0, 22, 65_535));
        Arbitrary<TargetPattern> ranged = Combinators.combine(hostPatterns(), ports, ports)
                .as((host, a, b) -> host.onPorts(Math.min(a, b), Math.max(a, b)));
        return Arbitraries.oneOf(hostPatterns(), ranged);
    }

    static Arbitrary<ForwardingRule> rules() {
        return Combinators.combine(targets(), Arbitraries.of(ForwardingAction.class),
                Arbitraries.subsetOf(PRINCIPALS).ofMaxSize(2),
                Arbitraries.subsetOf(TransportKind.values()).ofMaxSize(3))
                .as(ForwardingRule::new);
    }

    static Arbitrary<List<ForwardingRule>> ruleLists() {
        return rules().list().ofMaxSize(8);
    }

    static Arbitrary<ForwardingPolicy> policies() {
        return Combinators.combine(Arbitraries.of(ForwardingAction.class), ruleLists()).as(ForwardingPolicy::of);
    }

    static Arbitrary<Identity> identities() {
        return Arbitraries.of(IDENTITIES);
    }

    static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 65_535).edgeCases(c -> c.add(0, 22, 80, 65_535));
    }

    /** Destination hosts of every kind, garbage included. */
    static Arbitrary<String> hosts() {
        Arbitrary<Long> v4 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        return Arbitraries.oneOf(
                Arbitraries.of(NAMES),
                labels().list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts)),
                v4.map(IpLiteral::formatIpv4),
                v4.map(value -> "::ffff:" + IpLiteral.formatIpv4(value)),
                v4.map(value -> Long.toString(value)),
                v4.map(value -> "0x" + Long.toHexString(value)),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpLiteral::formatIpv6),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((h, l) ->
                        "[" + IpLiteral.formatIpv6(h, l) + "]"),
                Arbitraries.strings().withChars("0123456789abcdefx.:[]%*-").ofMaxLength(20),
                Arbitraries.strings());
    }
}
