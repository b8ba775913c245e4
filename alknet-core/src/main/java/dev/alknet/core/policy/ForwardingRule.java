package dev.alknet.core.policy;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.internal.RuleSyntax;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a {@link ForwardingPolicy}: when the destination matches {@code target}, the session's identity
 * matches one of {@code principals} and its transport is one of {@code transports}, {@code action} decides.
 *
 * @param principals identity ids or scopes: a principal matches when it equals {@link Identity#id()} or is one of
 *     {@link Identity#scopes()}. Empty means everyone; a {@code "*"} entry is stored as empty. Entries must not
 *     be blank, so no rule can single out the anonymous identity's empty id by accident.
 * @param transports the transport kinds the rule covers; empty means all
 */
public record ForwardingRule(TargetPattern target, ForwardingAction action, Set<String> principals,
        Set<TransportKind> transports) {

    /** The principal that stands for every identity. */
    public static final String EVERYONE = "*";

    public ForwardingRule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        principals = principalSet(Objects.requireNonNull(principals, "principals"));
        transports = Objects.requireNonNull(transports, "transports").isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(transports));
    }

    /** Allows {@code target} to everyone on every transport. */
    public static ForwardingRule allow(TargetPattern target) {
        return new ForwardingRule(target, ForwardingAction.ALLOW, Set.of(), Set.of());
    }

    /** Denies {@code target} to everyone on every transport. */
    public static ForwardingRule deny(TargetPattern target) {
        return new ForwardingRule(target, ForwardingAction.DENY, Set.of(), Set.of());
    }

    /**
     * Parses one rule in the string syntax.
     *
     * @throws PolicySyntaxException with {@link PolicySyntaxException#NO_RULE} as rule index
     */
    public static ForwardingRule parse(RuleText text) {
        return RuleSyntax.parse(text, PolicySyntaxException.NO_RULE);
    }

    /** This rule restricted to the given identity ids or scopes. */
    public ForwardingRule withPrincipals(String... principals) {
        return new ForwardingRule(target, action, new LinkedHashSet<>(Arrays.asList(principals)), transports);
    }

    /** This rule restricted to the given transport kinds. */
    public ForwardingRule withTransports(TransportKind... transports) {
        return new ForwardingRule(target, action, principals, Set.copyOf(Arrays.asList(transports)));
    }

    public boolean appliesToEveryone() {
        return principals.isEmpty();
    }

    public boolean appliesToAllTransports() {
        return transports.isEmpty();
    }

    /** The string syntax of this rule; {@code parse(rule.toText())} equals {@code rule}. */
    public RuleText toText() {
        return RuleSyntax.format(this);
    }

    @Override
    public String toString() {
        RuleText text = toText();
        StringBuilder sb = new StringBuilder(text.action()).append(' ').append(text.target());
        if (!appliesToEveryone()) {
            sb.append(" principals=").append(text.principals());
        }
        if (!appliesToAllTransports()) {
            sb.append(" transports=").append(text.transports());
        }
        return sb.toString();
    }

    private static Set<String> principalSet(Collection<String> principals) {
        Set<String> copy = new LinkedHashSet<>();
        for (String principal : principals) {
            Objects.requireNonNull(principal, "principal");
            if (principal.isBlank() || !principal.strip().equals(principal)) {
                throw new IllegalArgumentException(
                        "principal '" + principal + "' is blank or has surrounding white space");
            }
            copy.add(principal);
        }
        return copy.contains(EVERYONE) ? Set.of() : Collections.unmodifiableSet(copy);
    }
}
