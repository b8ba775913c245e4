package dev.alknet.core.policy.internal;

import dev.alknet.core.policy.PolicySyntaxException;
import dev.alknet.core.policy.TargetPattern;
import dev.alknet.core.policy.TargetPattern.AlknetPrefix;
import dev.alknet.core.policy.TargetPattern.Any;
import dev.alknet.core.policy.TargetPattern.Cidr;
import dev.alknet.core.policy.TargetPattern.Host;
import dev.alknet.core.policy.TargetPattern.HostPattern;
import dev.alknet.core.policy.TargetPattern.HostPorts;

/**
 * The string syntax of target patterns: {@code host[:port|:lo-hi|:*]}, {@code cidr[...]}, {@code [ipv6][...]},
 * {@code *}, {@code alknet-*}. Parsing validates with the same checks as the pattern records, so every bad
 * input ends in a {@link PolicySyntaxException} that names the rule, never in a runtime exception.
 */
public final class TargetSyntax {

    private static final String FIELD = "target";
    private static final String RESERVED = "alknet-*";

    private TargetSyntax() {
    }

    public static TargetPattern parse(String text, int ruleIndex) {
        if (text == null) {
            throw new PolicySyntaxException(ruleIndex, FIELD, null, "missing; use '*' for every destination");
        }
        Failure fail = reason -> new PolicySyntaxException(ruleIndex, FIELD, text, reason);
        String target = text.strip();
        if (target.isEmpty()) {
            throw fail.with("empty; use '*' for every destination");
        }
        String hostText;
        String portText = null;
        boolean bracketed = target.charAt(0) == '[';
        if (bracketed) {
            int close = target.indexOf(']');
            if (close < 0) {
                throw fail.with("'[' without a closing ']'");
            }
            hostText = target.substring(1, close);
            String rest = target.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw fail.with("only ':port' may follow ']'");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = target.indexOf(':');
            if (colon >= 0 && colon == target.lastIndexOf(':')) {
                hostText = target.substring(0, colon);
                portText = target.substring(colon + 1);
            } else {
                hostText = target;
            }
        }
        HostPattern host = bracketed ? bracketedHost(hostText, fail) : host(hostText, fail);
        if (portText == null || portText.equals("*")) {
            return host;
        }
        int dash = portText.indexOf('-');
        int from = port(dash < 0 ? portText : portText.substring(0, dash), fail);
        int to = dash < 0 ? from : port(portText.substring(dash + 1), fail);
        String problem = PortRanges.problem(from, to);
        if (problem != null) {
            throw fail.with(problem);
        }
        return new HostPorts(host, from, to);
    }

    private static HostPattern bracketedHost(String text, Failure fail) {
        HostPattern host = text.indexOf(':') >= 0 ? host(text, fail) : null;
        if (!(host instanceof Cidr cidr) || cidr.isIpv4()) {
            throw fail.with("brackets are only for IPv6 addresses and networks, e.g. [::1]:22 or [fd00::/8]:443");
        }
        return host;
    }

    private static HostPattern host(String text, Failure fail) {
        if (text.isEmpty()) {
            throw fail.with("the host is empty; use '*' for any host");
        }
        if (text.equals(RESERVED)) {
            return new AlknetPrefix();
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            return cidr(text.substring(0, slash), text.substring(slash + 1), fail);
        }
        Cidr address = address(text, -1, fail);
        if (address != null) {
            return address;
        }
        if (text.indexOf(':') >= 0) {
            throw fail.with("not an IPv6 address; an IPv6 target with a port is written in brackets, e.g. [::1]:22");
        }
        if (IpLiteral.decimalReading(text, 0, text.length()) >= 0
                || IpLiteral.cLibraryReading(text, 0, text.length()) >= 0) {
            throw fail.with("ambiguous IPv4 address (resolvers read such spellings differently);"
                    + " write it as a dotted quad such as 10.0.0.1");
        }
        String glob = HostGlob.normalise(text);
        if (glob.equals("*")) {
            return new Any();
        }
        String problem = HostGlob.problem(glob);
        if (problem != null) {
            throw fail.with(problem);
        }
        return new Host(glob);
    }

    private static HostPattern cidr(String addressText, String prefixText, Failure fail) {
        int prefix = number(prefixText, 3);
        if (prefix < 0) {
            throw fail.with("prefix length '" + prefixText + "' is not a number" + (prefixText.indexOf(':') < 0
                    ? "" : "; an IPv6 network with a port is written in brackets, e.g. [fd00::/8]:443"));
        }
        Cidr network = address(addressText, prefix, fail);
        if (network == null) {
            throw fail.with("'" + addressText + "' is not an IP address; a CIDR needs a dotted quad or IPv6 address");
        }
        return network;
    }

    /** A strictly written IP literal as a network of {@code prefix} bits (-1 = a single address), else null. */
    private static Cidr address(String text, int prefix, Failure fail) {
        int n = text.length();
        int bits;
        long high = 0;
        long low;
        long v4 = IpLiteral.parseDottedQuad(text, 0, n, false);
        if (v4 >= 0) {
            bits = 32;
            low = v4;
        } else {
            long[] v6 = IpLiteral.parseIpv6(text, 0, n, false);
            if (v6 == null) {
                return null;
            }
            bits = 128;
            high = v6[0];
            low = v6[1];
        }
        int length = prefix < 0 ? bits : prefix;
        String problem = Networks.problem(high, low, bits, length);
        if (problem != null) {
            throw fail.with(problem);
        }
        return new Cidr(Networks.toInetAddress(high, low, bits), length);
    }

    private static int port(String text, Failure fail) {
        int port = number(text, 5);
        if (port < 0 || port > PortRanges.MAX_PORT) {
            throw fail.with("port '" + text + "' is not a number from 0 to " + PortRanges.MAX_PORT
                    + " (or '*', or a range lo-hi)");
        }
        return port;
    }

    /** A non-empty run of at most {@code maxDigits} ASCII digits, else -1. */
    private static int number(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String format(TargetPattern pattern) {
        if (pattern instanceof HostPorts ports) {
            String host = format(ports.host());
            if (ports.host() instanceof Cidr cidr && !cidr.isIpv4()) {
                host = "[" + host + "]";
            }
            String range = ports.fromPort() == ports.toPort()
                    ? String.valueOf(ports.fromPort()) : ports.fromPort() + "-" + ports.toPort();
            return host + ":" + range;
        }
        if (pattern instanceof Any) {
            return "*";
        }
        if (pattern instanceof AlknetPrefix) {
            return RESERVED;
        }
        if (pattern instanceof Host host) {
            return host.glob();
        }
        Cidr cidr = (Cidr) pattern;
        String address = Networks.format(cidr.network());
        boolean single = cidr.prefixLength() == (cidr.isIpv4() ? 32 : 128);
        return single ? address : address + "/" + cidr.prefixLength();
    }

    @FunctionalInterface
    private interface Failure {
        PolicySyntaxException with(String reason);
    }
}
