package dev.alknet.core.policy;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.internal.CompiledRules;
import dev.alknet.core.policy.internal.RuleSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a session may forward to a destination ({@code host}, {@code port}).
 *
 * <p>Rules are tried in order; the first whose target, principals and transports all match decides. When none
 * matches, the default action applies. Use an allowlist (default {@code DENY} plus {@code ALLOW} rules) in
 * production: the policy runs before DNS, so CIDR rules only see destinations given as IP literals and a
 * blocklist of networks cannot stop a host name that resolves into them.
 *
 * <p>Instances are immutable and thread-safe. Rules are compiled when the policy is built; {@link #decide}
 * classifies the host once and then only compares, allocation-free per rule. It never throws for any host
 * text, and neither the decision nor any exception carries the destination.
 */
public final class ForwardingPolicy {

    private static final ForwardingPolicy ALLOW_ALL = new ForwardingPolicy(ForwardingAction.ALLOW, List.of());
    private static final ForwardingPolicy DENY_ALL = new ForwardingPolicy(ForwardingAction.DENY, List.of());

    private final ForwardingAction defaultAction;
    private final List<ForwardingRule> rules;
    private final CompiledRules compiled;
    private final ForwardingDecision[] decisions;
    private final ForwardingDecision defaultDecision;

    private ForwardingPolicy(ForwardingAction defaultAction, List<ForwardingRule> rules) {
        this.defaultAction = Objects.requireNonNull(defaultAction, "defaultAction");
        this.rules = List.copyOf(rules);
        this.compiled = new CompiledRules(this.rules);
        this.decisions = new ForwardingDecision[this.rules.size()];
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = new ForwardingDecision(this.rules.get(i).action(), i);
        }
        this.defaultDecision = new ForwardingDecision(defaultAction, ForwardingDecision.DEFAULT_RULE);
    }

    /** Allows everything: the default when no policy is configured, so existing setups keep working. */
    public static ForwardingPolicy allowAll() {
        return ALLOW_ALL;
    }

    public static ForwardingPolicy denyAll() {
        return DENY_ALL;
    }

    public static ForwardingPolicy of(ForwardingAction defaultAction, List<ForwardingRule> rules) {
        return new ForwardingPolicy(defaultAction, rules);
    }

    /** A builder; the default action is explicit because neither choice is safe to assume. */
    public static Builder builder(ForwardingAction defaultAction) {
        return new Builder(defaultAction);
    }

    /**
     * Parses a policy in the string syntax used by config files and the CLI.
     *
     * @param defaultAction {@code "allow"} or {@code "deny"}, any case
     * @param rules the rules in evaluation order; {@code null} means none
     * @throws PolicySyntaxException naming the offending rule by 0-based index, or
     *     {@link PolicySyntaxException#NO_RULE} when the default action is wrong
     */
    public static ForwardingPolicy parse(String defaultAction, List<RuleText> rules) {
        ForwardingAction action = RuleSyntax.action(defaultAction, PolicySyntaxException.NO_RULE, "default");
        List<ForwardingRule> parsed = new ArrayList<>();
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                parsed.add(RuleSyntax.parse(rules.get(i), i));
            }
        }
        return new ForwardingPolicy(action, parsed);
    }

    public ForwardingAction defaultAction() {
        return defaultAction;
    }

    /** The rules in evaluation order (unmodifiable). */
    public List<ForwardingRule> rules() {
        return rules;
    }

    /**
     * Decides a forwarding request.
     *
     * @param host the destination as the client sent it: a name, an IP literal, a bracketed IPv6 literal, or
     *     any other text (which is treated as a name)
     * @param port the destination port; a value outside 0..65535 matches only patterns without ports
     * @param identity the session's identity ({@link Identity#anonymous()} when unauthenticated)
     * @param transport the kind of transport the session arrived on
     */
    public ForwardingDecision decide(String host, int port, Identity identity, TransportKind transport) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(transport, "transport");
        int rule = compiled.firstMatch(host, port, identity, transport);
        return rule < 0 ? defaultDecision : decisions[rule];
    }

    /** {@code decide(...).allowed()}. */
    public boolean permits(String host, int port, Identity identity, TransportKind transport) {
        return decide(host, port, identity, transport).allowed();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForwardingPolicy other && defaultAction == other.defaultAction
                && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return 31 * defaultAction.hashCode() + rules.hashCode();
    }

    @Override
    public String toString() {
        return "ForwardingPolicy[default=" + defaultAction + ", rules=" + rules + "]";
    }

    /** Collects rules in evaluation order. */
    public static final class Builder {

        private final ForwardingAction defaultAction;
        private final List<ForwardingRule> rules = new ArrayList<>();

        private Builder(ForwardingAction defaultAction) {
            this.defaultAction = Objects.requireNonNull(defaultAction, "defaultAction");
        }

        public Builder rule(ForwardingRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Adds a rule allowing {@code target} to everyone on every transport. */
        public Builder allow(TargetPattern target) {
            return rule(ForwardingRule.allow(target));
        }

        /** Adds a rule denying {@code target} to everyone on every transport. */
        public Builder deny(TargetPattern target) {
            return rule(ForwardingRule.deny(target));
        }

        public ForwardingPolicy build() {
            return new ForwardingPolicy(defaultAction, rules);
        }
    }
}
