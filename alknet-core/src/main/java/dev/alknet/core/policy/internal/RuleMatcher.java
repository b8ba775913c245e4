package dev.alknet.core.policy.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingAction;
import dev.alknet.core.policy.ForwardingDecision;
import dev.alknet.core.policy.ForwardingRule;
import dev.alknet.core.policy.TargetPattern;
import dev.alknet.core.policy.TargetPattern.AlknetPrefix;
import dev.alknet.core.policy.TargetPattern.Any;
import dev.alknet.core.policy.TargetPattern.Cidr;
import dev.alknet.core.policy.TargetPattern.Host;
import dev.alknet.core.policy.TargetPattern.HostPattern;
import dev.alknet.core.policy.TargetPattern.HostPorts;

/**
 * A {@link ForwardingRule} compiled for the hot path: one final class with a kind switch instead of a
 * polymorphic call, the CIDR as masks, the glob precompiled, transports as a bit set and the decision
 * preallocated. Matching allocates nothing.
 */
public final class RuleMatcher {

    private static final int ANY = 0;
    private static final int GLOB = 1;
    private static final int NETWORK = 2;
    private static final int RESERVED = 3;

    private final int kind;
    private final HostGlob glob;
    private final int family;
    private final long networkHigh;
    private final long networkLow;
    private final long maskHigh;
    private final long maskLow;
    private final int fromPort;
    private final int toPort;
    private final int transportMask;
    private final String[] principals;
    private final boolean deny;
    private final ForwardingDecision decision;

    public RuleMatcher(ForwardingRule rule, int index) {
        TargetPattern target = rule.target();
        HostPattern host = target instanceof HostPorts ports ? ports.host() : (HostPattern) target;
        fromPort = target instanceof HostPorts ports ? ports.fromPort() : Integer.MIN_VALUE;
        toPort = target instanceof HostPorts ports ? ports.toPort() : Integer.MAX_VALUE;
        HostGlob compiledGlob = null;
        int bits = Destination.NAME;
        long high = 0;
        long low = 0;
        long prefixHigh = 0;
        long prefixLow = 0;
        if (host instanceof Any) {
            kind = ANY;
        } else if (host instanceof AlknetPrefix) {
            kind = RESERVED;
        } else if (host instanceof Host named) {
            kind = GLOB;
            compiledGlob = HostGlob.compile(named.glob());
        } else {
            Cidr cidr = (Cidr) host;
            kind = NETWORK;
            byte[] address = cidr.network().getAddress();
            bits = address.length * 8;
            high = Networks.high(address);
            low = Networks.low(address);
            prefixHigh = Networks.maskHigh(cidr.prefixLength(), bits);
            prefixLow = Networks.maskLow(cidr.prefixLength(), bits);
        }
        glob = compiledGlob;
        family = bits;
        networkHigh = high;
        networkLow = low;
        maskHigh = prefixHigh;
        maskLow = prefixLow;
        int transports = 0;
        for (TransportKind transport : rule.transports()) {
            transports |= transportBit(transport);
        }
        transportMask = transports == 0 ? -1 : transports;
        principals = rule.principals().toArray(String[]::new);
        deny = rule.action() == ForwardingAction.DENY;
        decision = new ForwardingDecision(rule.action(), index);
    }

    public static int transportBit(TransportKind transport) {
        return 1 << transport.ordinal();
    }

    public ForwardingDecision decision() {
        return decision;
    }

    public boolean matches(Destination destination, int port, Identity identity, int transportBit) {
        return (transportMask & transportBit) != 0
                && port >= fromPort && port <= toPort
                && hostMatches(destination)
                && principalMatches(identity);
    }

    private boolean hostMatches(Destination destination) {
        switch (kind) {
            case ANY:
                return true;
            case RESERVED:
                return destination.reserved;
            case GLOB:
                return resolveDoubt(glob.matches(destination.name()),
                        destination.ambiguous && glob.matches(destination.alternativeName()), destination);
            default:
                return destination.family == family
                        && (destination.high & maskHigh) == networkHigh
                        && resolveDoubt((destination.low & maskLow) == networkLow,
                                destination.ambiguous && (destination.lowAlternative & maskLow) == networkLow,
                                destination);
        }
    }

    /**
     * For a destination with two readings, a deny rule applies if either reading matches and an allow rule only
     * if both do, so an ambiguous spelling can neither slip past a deny nor borrow an allow.
     */
    private boolean resolveDoubt(boolean first, boolean second, Destination destination) {
        if (!destination.ambiguous) {
            return first;
        }
        return deny ? first || second : first && second;
    }

    private boolean principalMatches(Identity identity) {
        if (principals.length == 0) {
            return true;
        }
        String id = identity.id();
        for (String principal : principals) {
            if (principal.equals(id) || identity.scopes().contains(principal)) {
                return true;
            }
        }
        return false;
    }
}
