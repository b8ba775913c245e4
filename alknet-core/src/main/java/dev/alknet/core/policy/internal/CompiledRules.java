package dev.alknet.core.policy.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingAction;
import dev.alknet.core.policy.ForwardingRule;
import dev.alknet.core.policy.TargetPattern;
import dev.alknet.core.policy.TargetPattern.AlknetPrefix;
import dev.alknet.core.policy.TargetPattern.Any;
import dev.alknet.core.policy.TargetPattern.Cidr;
import dev.alknet.core.policy.TargetPattern.Host;
import dev.alknet.core.policy.TargetPattern.HostPattern;
import dev.alknet.core.policy.TargetPattern.HostPorts;
import java.util.List;

/**
 * A policy's rules compiled for first-match search: one primitive array per property, so a scan over a thousand
 * rules walks a few small arrays sequentially instead of chasing a thousand objects. CIDRs become masks, globs
 * are precompiled with their length and end hashes inlined here, transports are bit sets and principals are
 * numbered, all rules' numbers in one array. Searching allocates nothing per rule.
 */
public final class CompiledRules {

    private static final byte ANY = 0;
    private static final byte GLOB = 1;
    private static final byte IPV4_NETWORK = 2;
    private static final byte IPV6_NETWORK = 3;
    private static final byte RESERVED = 4;

    private final PrincipalIndex principalIndex;
    private final int[] transportMasks;
    private final int[] fromPorts;
    private final int[] toPorts;
    private final byte[] kinds;
    private final long[] networkHighs;
    private final long[] networkLows;
    private final long[] maskHighs;
    private final long[] maskLows;
    private final HostGlob[] globs;
    private final int[] globLengths;
    private final int[] globPrefixLengths;
    private final int[] globPrefixHashes;
    private final int[] globSuffixLengths;
    private final int[] globSuffixHashes;
    private final int[] principalStarts;
    private final int[] principalNumbers;
    private final long[] principalFilters;
    private final boolean[] denies;
    private final boolean hasGlobs;

    public CompiledRules(List<ForwardingRule> rules) {
        int count = rules.size();
        principalIndex = new PrincipalIndex(rules);
        transportMasks = new int[count];
        fromPorts = new int[count];
        toPorts = new int[count];
        kinds = new byte[count];
        networkHighs = new long[count];
        networkLows = new long[count];
        maskHighs = new long[count];
        maskLows = new long[count];
        globs = new HostGlob[count];
        globLengths = new int[count];
        globPrefixLengths = new int[count];
        globPrefixHashes = new int[count];
        globSuffixLengths = new int[count];
        globSuffixHashes = new int[count];
        principalStarts = new int[count + 1];
        principalFilters = new long[count];
        denies = new boolean[count];
        int principalCount = 0;
        for (int i = 0; i < count; i++) {
            compile(i, rules.get(i));
            principalStarts[i] = principalCount;
            principalCount += rules.get(i).principals().size();
        }
        principalStarts[count] = principalCount;
        boolean anyGlob = false;
        for (byte kind : kinds) {
            anyGlob |= kind == GLOB;
        }
        hasGlobs = anyGlob;
        principalNumbers = new int[principalCount];
        for (int i = 0; i < count; i++) {
            int[] numbers = principalIndex.numbersOf(rules.get(i));
            System.arraycopy(numbers, 0, principalNumbers, principalStarts[i], numbers.length);
            principalFilters[i] = PrincipalIndex.filter(numbers);
        }
    }

    private void compile(int i, ForwardingRule rule) {
        TargetPattern target = rule.target();
        HostPattern host;
        if (target instanceof HostPorts ports) {
            host = ports.host();
            fromPorts[i] = ports.fromPort();
            toPorts[i] = ports.toPort();
        } else {
            host = (HostPattern) target;
            fromPorts[i] = Integer.MIN_VALUE;
            toPorts[i] = Integer.MAX_VALUE;
        }
        if (host instanceof Any) {
            kinds[i] = ANY;
        } else if (host instanceof AlknetPrefix) {
            kinds[i] = RESERVED;
        } else if (host instanceof Host named) {
            kinds[i] = GLOB;
            HostGlob glob = HostGlob.compile(named.glob());
            globs[i] = glob;
            globLengths[i] = glob.length();
            globPrefixLengths[i] = glob.prefixLength();
            globPrefixHashes[i] = glob.prefixHash();
            globSuffixLengths[i] = glob.suffixLength();
            globSuffixHashes[i] = glob.suffixHash();
        } else {
            Cidr cidr = (Cidr) host;
            byte[] address = cidr.network().getAddress();
            int bits = address.length * 8;
            kinds[i] = bits == Destination.IPV4 ? IPV4_NETWORK : IPV6_NETWORK;
            networkHighs[i] = Networks.high(address);
            networkLows[i] = Networks.low(address);
            maskHighs[i] = Networks.maskHigh(cidr.prefixLength(), bits);
            maskLows[i] = Networks.maskLow(cidr.prefixLength(), bits);
        }
        int transports = 0;
        for (TransportKind transport : rule.transports()) {
            transports |= 1 << transport.ordinal();
        }
        transportMasks[i] = transports == 0 ? -1 : transports;
        denies[i] = rule.action() == ForwardingAction.DENY;
    }

    /** The index of the first rule matching the request, or -1. Never throws for any host text. */
    public int firstMatch(String host, int port, Identity identity, TransportKind transport) {
        Destination destination = Destination.of(host);
        if (hasGlobs) {
            destination.withNames();
        }
        long[] identityPrincipals = principalIndex.principalsOf(identity);
        return scan(destination, port, identityPrincipals, PrincipalIndex.filter(identityPrincipals),
                1 << transport.ordinal());
    }

    // Kept apart from the per-request set-up so that the JIT compiles the loop with the matchers inlined.
    private int scan(Destination destination, int port, long[] identityPrincipals, long identityFilter,
            int transportBit) {
        for (int i = 0; i < kinds.length; i++) {
            if ((transportMasks[i] & transportBit) != 0 && port >= fromPorts[i] && port <= toPorts[i]
                    && hostMatches(i, destination) && principalMatches(i, identityPrincipals, identityFilter)) {
                return i;
            }
        }
        return -1;
    }

    private boolean hostMatches(int i, Destination destination) {
        switch (kinds[i]) {
            case ANY:
                return true;
            case RESERVED:
                return destination.reserved;
            case GLOB:
                return resolveDoubt(i, destination, globMatches(i, destination.name),
                        destination.ambiguous && globMatches(i, destination.alternativeName));
            case IPV4_NETWORK:
                return destination.family == Destination.IPV4
                        && resolveDoubt(i, destination, (destination.low & maskLows[i]) == networkLows[i],
                                destination.ambiguous && (destination.lowAlternative & maskLows[i]) == networkLows[i]);
            default:
                return destination.family == Destination.IPV6
                        && (destination.high & maskHighs[i]) == networkHighs[i]
                        && (destination.low & maskLows[i]) == networkLows[i];
        }
    }

    /**
     * Rejects on length and on the hashes of the glob's literal ends using only this table's arrays; the glob
     * object, and string comparison, is reached only when those all agree.
     */
    private boolean globMatches(int i, HashedName name) {
        int length = name.length;
        if (length < globLengths[i]) {
            return false;
        }
        if (name.hashed() && (name.prefixHash(globPrefixLengths[i]) != globPrefixHashes[i]
                || name.suffixHash(length - globSuffixLengths[i]) != globSuffixHashes[i])) {
            return false;
        }
        return globs[i].matches(name);
    }

    /**
     * For a destination with two readings, a deny rule applies if either reading matches and an allow rule only
     * if both do, so an ambiguous spelling can neither slip past a deny nor borrow an allow.
     */
    private boolean resolveDoubt(int i, Destination destination, boolean first, boolean second) {
        if (!destination.ambiguous) {
            return first;
        }
        return denies[i] ? first || second : first && second;
    }

    private boolean principalMatches(int i, long[] identityPrincipals, long identityFilter) {
        int from = principalStarts[i];
        int to = principalStarts[i + 1];
        if (from == to) {
            return true;
        }
        if ((principalFilters[i] & identityFilter) == 0) {
            return false;
        }
        for (int p = from; p < to; p++) {
            if (PrincipalIndex.has(identityPrincipals, principalNumbers[p])) {
                return true;
            }
        }
        return false;
    }
}
