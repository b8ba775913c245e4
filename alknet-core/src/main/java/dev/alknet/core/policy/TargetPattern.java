package dev.alknet.core.policy;

import dev.alknet.core.policy.internal.HostGlob;
import dev.alknet.core.policy.internal.Networks;
import dev.alknet.core.policy.internal.PortRanges;
import dev.alknet.core.policy.internal.TargetSyntax;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Which forwarding destinations ({@code host}, {@code port}) a {@link ForwardingRule} applies to.
 *
 * <p>A pattern is a {@link HostPattern}, which matches every port, or a {@link HostPorts}, a host pattern
 * limited to an inclusive port range. The string syntax ({@link #parse}, {@link #format}) is
 * {@code *}, {@code host}, {@code host:port}, {@code host:lo-hi}, {@code host:*}, CIDR with the same port
 * suffixes, {@code [ipv6]:port} and {@code alknet-*}; see {@code docs/forwarding-policy.md}.
 */
public sealed interface TargetPattern {

    /**
     * Parses the string syntax.
     *
     * @throws PolicySyntaxException with {@link PolicySyntaxException#NO_RULE} as rule index
     */
    static TargetPattern parse(String text) {
        return TargetSyntax.parse(text, PolicySyntaxException.NO_RULE);
    }

    /** The string syntax; {@code parse(p.format())} equals {@code p}. */
    default String format() {
        return TargetSyntax.format(this);
    }

    /** The host part of a target, on any port. */
    sealed interface HostPattern extends TargetPattern {

        /** This host on one port. */
        default HostPorts onPort(int port) {
            return new HostPorts(this, port, port);
        }

        /** This host on the ports {@code fromPort..toPort}, both included. */
        default HostPorts onPorts(int fromPort, int toPort) {
            return new HostPorts(this, fromPort, toPort);
        }
    }

    /** Every destination. */
    record Any() implements HostPattern {

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * A host name or glob, compared case-insensitively and without a trailing dot: {@code db.internal},
     * {@code *.example.com}, {@code db-*}. Each {@code *} matches one or more characters, dots included, and
     * the whole name must match. Never matches by DNS: an IP literal destination is matched on its canonical
     * text ({@code 10.0.0.*} matches {@code 10.0.0.7}), and IP addresses themselves belong in {@link Cidr}.
     */
    record Host(String glob) implements HostPattern {

        public Host {
            glob = HostGlob.normalise(Objects.requireNonNull(glob, "glob"));
            String problem = HostGlob.problem(glob);
            if (problem != null) {
                throw new IllegalArgumentException("host pattern '" + glob + "': " + problem);
            }
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * An IPv4 or IPv6 network. It matches IP literal destinations only (an IPv4-mapped IPv6 destination counts
     * as IPv4); a host name never matches, since the policy runs before any DNS lookup.
     *
     * @param network the network address with all bits beyond the prefix clear; IPv4-mapped IPv6 networks are
     *     rejected (write them as IPv4)
     * @param prefixLength 0..32 for IPv4, 0..128 for IPv6; the full length is a single address
     */
    record Cidr(InetAddress network, int prefixLength) implements HostPattern {

        public Cidr {
            byte[] bytes = Objects.requireNonNull(network, "network").getAddress();
            String problem = Networks.problem(bytes, prefixLength);
            if (problem != null) {
                throw new IllegalArgumentException("CIDR '" + Networks.format(network) + "/" + prefixLength + "': "
                        + problem);
            }
            // Drops any host name or scope the caller's object carries, so equal networks are equal records.
            network = Networks.toInetAddress(Networks.high(bytes), Networks.low(bytes), bytes.length * 8);
        }

        /** A single address. */
        public static Cidr of(InetAddress address) {
            return new Cidr(address, address.getAddress().length * 8);
        }

        public boolean isIpv4() {
            return network.getAddress().length == 4;
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * Destinations starting with {@code alknet-}, exactly as the server recognises reserved destinations:
     * case-sensitive, so {@code ALKNET-control} and {@code alknet.example.com} are not reserved.
     */
    record AlknetPrefix() implements HostPattern {

        @Override
        public String toString() {
            return format();
        }
    }

    /** A host pattern on the ports {@code fromPort..toPort}, both ends included. */
    record HostPorts(HostPattern host, int fromPort, int toPort) implements TargetPattern {

        public HostPorts {
            Objects.requireNonNull(host, "host");
            String problem = PortRanges.problem(fromPort, toPort);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        @Override
        public String toString() {
            return format();
        }
    }
}
