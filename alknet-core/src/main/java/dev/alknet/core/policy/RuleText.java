package dev.alknet.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One forwarding rule as written in a config file or on the command line, before parsing.
 *
 * <p>Values are raw strings; {@link ForwardingPolicy#parse(String, List)} checks them. A {@code null} list
 * means the key was omitted and defaults to {@code ["*"]} (every principal, every transport). An explicitly
 * empty list is kept as given and rejected by the parser, so an empty list produced by mistake never widens a
 * rule to everyone.
 *
 * @param target e.g. {@code "localhost:*"}, {@code "10.0.0.0/8:80"}, {@code "[::1]:22"}, {@code "alknet-*"}
 * @param action {@code "allow"} or {@code "deny"}, any case
 * @param principals identity ids or scopes; {@code "*"} means everyone
 * @param transports transport wire names ({@code tcp}, {@code tls}, ...); {@code "*"} means all
 */
public record RuleText(String target, String action, List<String> principals, List<String> transports) {

    private static final List<String> EVERYTHING = List.of("*");

    public RuleText {
        principals = principals == null ? EVERYTHING : frozenCopy(principals);
        transports = transports == null ? EVERYTHING : frozenCopy(transports);
    }

    /** A rule for every principal on every transport. */
    public static RuleText of(String target, String action) {
        return new RuleText(target, action, null, null);
    }

    // List.copyOf would throw on null elements; the parser reports those as syntax errors instead.
    private static List<String> frozenCopy(List<String> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
