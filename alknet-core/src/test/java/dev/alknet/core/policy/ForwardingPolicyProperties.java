package dev.alknet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of first-match evaluation, glob anchoring, the string syntax round trip and parser robustness. */
class ForwardingPolicyProperties {

    private static final List<Identity> IDENTITIES = List.of(
            Identity.anonymous(),
            new Identity("SHA256:alice", Set.of("ops"), Map.of()),
            Identity.of("SHA256:bob", "dev", "ops"),
            Identity.of("SHA256:carol"));

    private static final List<String> PRINCIPALS = List.of("SHA256:alice", "SHA256:bob", "ops", "dev");

    private static final List<String> NAMES = List.of("localhost", "db.internal", "DB.Internal.", "a.example.com",
            "example.com", "evilexample.com", "alknet-control", "ALKNET-control", "db-main", "x.db-1.internal");

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_").ofMinLength(1)
                .ofMaxLength(6);
    }

    private Arbitrary<String> globs() {
        Arbitrary<String> piece = Arbitraries.oneOf(labels(), labels().map(l -> l + "*"), labels().map(l -> "*" + l),
                Arbitraries.just("*"));
        return piece.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts))
                .filter(glob -> HostGlob.problem(HostGlob.normalise(glob)) == null);
    }

    private Arbitrary<Cidr> cidrs() {
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

    private Arbitrary<HostPattern> hostPatterns() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Any())),
                Tuple.of(1, Arbitraries.just(new AlknetPrefix())),
                Tuple.of(3, globs().map(Host::new)),
                Tuple.of(3, cidrs()));
    }

    @Provide
    Arbitrary<TargetPattern> targets() {
        Arbitrary<Integer> ports = Arbitraries.integers().between(0, 65_535).edgeCases(c -> c.add(0, 22, 65_535));
        Arbitrary<TargetPattern> ranged = Combinators.combine(hostPatterns(), ports, ports)
                .as((host, a, b) -> host.onPorts(Math.min(a, b), Math.max(a, b)));
        return Arbitraries.oneOf(hostPatterns(), ranged);
    }

    private Arbitrary<ForwardingRule> rules() {
        return Combinators.combine(targets(), Arbitraries.of(ForwardingAction.class),
                Arbitraries.subsetOf(PRINCIPALS).ofMaxSize(2),
                Arbitraries.subsetOf(TransportKind.values()).ofMaxSize(3))
                .as(ForwardingRule::new);
    }

    @Provide
    Arbitrary<List<ForwardingRule>> ruleLists() {
        return rules().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<ForwardingPolicy> policies() {
        return Combinators.combine(Arbitraries.of(ForwardingAction.class), ruleLists()).as(ForwardingPolicy::of);
    }

    @Provide
    Arbitrary<Identity> identities() {
        return Arbitraries.of(IDENTITIES);
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 65_535).edgeCases(c -> c.add(0, 22, 80, 65_535));
    }

    /** Destination hosts of every kind, garbage included. */
    @Provide
    Arbitrary<String> hosts() {
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

    @Provide
    Arbitrary<List<String>> suffixLabels() {
        return labels().list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> targetLikeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefx.:/[]-*% ").ofMaxLength(24),
                Arbitraries.strings());
    }

    private static List<ForwardingRule> prepend(ForwardingRule first, List<ForwardingRule> rest) {
        List<ForwardingRule> rules = new ArrayList<>();
        rules.add(first);
        rules.addAll(rest);
        return rules;
    }

    @Property
    void aFirstRuleDenyingAnythingToEveryoneAlwaysDenies(@ForAll("ruleLists") List<ForwardingRule> rest,
            @ForAll ForwardingAction defaultAction, @ForAll("hosts") String host, @ForAll("ports") int port,
            @ForAll("identities") Identity identity, @ForAll TransportKind transport) {
        ForwardingPolicy policy = ForwardingPolicy.of(defaultAction, prepend(ForwardingRule.deny(new Any()), rest));

        assertThat(policy.decide(host, port, identity, transport))
                .isEqualTo(new ForwardingDecision(ForwardingAction.DENY, 0));
    }

    @Property
    void aFirstRuleAllowingAnythingToEveryoneAlwaysAllows(@ForAll("ruleLists") List<ForwardingRule> rest,
            @ForAll ForwardingAction defaultAction, @ForAll("hosts") String host, @ForAll("ports") int port,
            @ForAll("identities") Identity identity, @ForAll TransportKind transport) {
        ForwardingPolicy policy = ForwardingPolicy.of(defaultAction,
                prepend(ForwardingRule.allow(new Any()).withPrincipals("*"), rest));

        assertThat(policy.permits(host, port, identity, transport)).isTrue();
    }

    @Property
    void rulesAfterTheFirstMatchNeverChangeTheDecision(@ForAll("ruleLists") List<ForwardingRule> generated,
            @ForAll @IntRange(max = 8) int catchAllAt, @ForAll ForwardingAction catchAllAction,
            @ForAll("ruleLists") List<ForwardingRule> others, @ForAll ForwardingAction defaultAction,
            @ForAll("hosts") String host, @ForAll("ports") int port, @ForAll("identities") Identity identity,
            @ForAll TransportKind transport) {
        // A catch-all somewhere in the list guarantees that some rule, often an earlier one, decides.
        List<ForwardingRule> rules = new ArrayList<>(generated);
        rules.add(Math.min(catchAllAt, rules.size()), new ForwardingRule(new Any(), catchAllAction,
                Set.of(), Set.of()));
        ForwardingDecision decision = ForwardingPolicy.of(defaultAction, rules).decide(host, port, identity, transport);

        List<ForwardingRule> changed = new ArrayList<>(rules.subList(0, decision.ruleIndex() + 1));
        changed.addAll(others);
        ForwardingPolicy changedPolicy = ForwardingPolicy.of(defaultAction.equals(ForwardingAction.ALLOW)
                ? ForwardingAction.DENY : ForwardingAction.ALLOW, changed);

        assertThat(changedPolicy.decide(host, port, identity, transport)).isEqualTo(decision);
    }

    @Property
    void starDotSuffixMatchesExactlyTheNamesEndingInDotSuffix(@ForAll("suffixLabels") List<String> suffixLabels,
            @ForAll("labels") String head, @ForAll @IntRange(max = 4) int shape, @ForAll boolean upperCase) {
        // Suffix labels start with a letter so that no candidate name reads as an IPv4 address.
        String suffix = String.join(".", suffixLabels.stream().map(label -> "s" + label).toList());
        String host = switch (shape) {
            case 0 -> head + "." + suffix;
            case 1 -> head + "." + head + "." + suffix;
            case 2 -> head + suffix;
            case 3 -> "." + suffix;
            default -> head;
        };
        String sent = upperCase ? host.toUpperCase(Locale.ROOT) : host;
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.DENY).allow(new Host("*." + suffix)).build();

        boolean expected = host.endsWith("." + suffix) && host.length() > suffix.length() + 1;
        assertThat(policy.permits(sent, 443, Identity.anonymous(), TransportKind.TCP)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> smallGlobs() {
        return Arbitraries.strings().withChars("ab.-*").ofMinLength(1).ofMaxLength(8).map(HostGlob::normalise)
                .filter(glob -> HostGlob.problem(glob) == null);
    }

    @Property
    void globsMatchExactlyWhatAnAnchoredPatternMatches(@ForAll("smallGlobs") String glob,
            @ForAll @IntRange(max = 2) int shape, @ForAll("fillers") List<String> fillers,
            @ForAll("fillers") List<String> noise) {
        // Names over the glob's own alphabet make matches common; shape 2 pushes the name past the hash tables.
        StringBuilder name = new StringBuilder();
        int filler = 0;
        for (char c : glob.toCharArray()) {
            name.append(c != '*' ? String.valueOf(c) : fillers.get(filler++ % fillers.size()));
        }
        String host = switch (shape) {
            case 0 -> name.toString();
            case 1 -> String.join("", noise);
            default -> "a".repeat(1100) + name;
        };
        String regex = glob.replace(".", "\\.").replace("*", ".+");
        String withoutTrailingDot = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        ForwardingPolicy policy = ForwardingPolicy.builder(ForwardingAction.DENY).allow(new Host(glob)).build();

        assertThat(policy.permits(host.toUpperCase(Locale.ROOT), 443, Identity.anonymous(), TransportKind.TCP))
                .isEqualTo(withoutTrailingDot.matches(regex));
    }

    @Provide
    Arbitrary<List<String>> fillers() {
        return Arbitraries.strings().withChars("ab.-").ofMinLength(1).ofMaxLength(4).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void targetPatternsRoundTripThroughText(@ForAll("targets") TargetPattern pattern) {
        assertThat(TargetPattern.parse(pattern.format())).isEqualTo(pattern);
    }

    @Property
    void rulesAndPoliciesRoundTripThroughText(@ForAll("policies") ForwardingPolicy policy) {
        List<RuleText> texts = policy.rules().stream().map(ForwardingRule::toText).toList();
        for (ForwardingRule rule : policy.rules()) {
            assertThat(ForwardingRule.parse(rule.toText())).isEqualTo(rule);
        }
        assertThat(ForwardingPolicy.parse(policy.defaultAction().wireName(), texts)).isEqualTo(policy);
    }

    @Property
    void anyTargetTextParsesOrFailsNamingItsRule(@ForAll("targetLikeText") String target,
            @ForAll @IntRange(max = 4) int index) {
        assertParsesOrNamesRule(index, RuleText.of(target, "allow"), "target");
    }

    @Property
    void anyOtherRuleTextParsesOrFailsNamingItsRule(@ForAll String action, @ForAll List<String> principals,
            @ForAll List<String> transports, @ForAll @IntRange(max = 4) int index) {
        assertParsesOrNamesRule(index, new RuleText("*", action, principals, transports), null);
    }

    private static void assertParsesOrNamesRule(int index, RuleText suspect, String field) {
        List<RuleText> texts = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            texts.add(RuleText.of("localhost:" + i, "allow"));
        }
        texts.add(suspect);
        try {
            ForwardingPolicy policy = ForwardingPolicy.parse("deny", texts);
            assertThat(policy.rules()).hasSize(index + 1);
        } catch (PolicySyntaxException e) {
            assertThat(e.ruleIndex()).isEqualTo(index);
            assertThat(e.getMessage()).startsWith("forwarding rule " + index + ": ");
            if (field != null) {
                assertThat(e.field()).isEqualTo(field);
            }
        } catch (RuntimeException e) {
            fail("parser threw " + e.getClass().getName() + " instead of PolicySyntaxException", e);
        }
    }

    @Property
    void decideAnswersForEveryHostText(@ForAll("policies") ForwardingPolicy policy, @ForAll("hosts") String host,
            @ForAll int port, @ForAll("identities") Identity identity, @ForAll TransportKind transport) {
        ForwardingDecision decision = policy.decide(host, port, identity, transport);

        assertThat(decision.byDefault() ? policy.defaultAction() : policy.rules().get(decision.ruleIndex()).action())
                .isEqualTo(decision.action());
    }

    @Property
    void everyUnambiguousSpellingOfAnIpv4AddressIsDecidedAlike(@ForAll("policies") ForwardingPolicy policy,
            @ForAll @LongRange(max = 0xFFFF_FFFFL) long address, @ForAll("ports") int port,
            @ForAll("identities") Identity identity, @ForAll TransportKind transport) {
        String dotted = IpLiteral.formatIpv4(address);
        ForwardingDecision expected = policy.decide(dotted, port, identity, transport);

        for (String spelling : List.of(Long.toString(address), "0x" + Long.toHexString(address),
                "::ffff:" + dotted, "[::ffff:" + dotted + "]", dotted + ".",
                (address >>> 24) + "." + (address & 0xFF_FFFF))) {
            assertThat(policy.decide(spelling, port, identity, transport)).as(spelling).isEqualTo(expected);
        }
    }
}
