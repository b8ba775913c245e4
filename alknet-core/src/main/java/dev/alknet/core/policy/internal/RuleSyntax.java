package dev.alknet.core.policy.internal;

import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingAction;
import dev.alknet.core.policy.ForwardingRule;
import dev.alknet.core.policy.PolicySyntaxException;
import dev.alknet.core.policy.RuleText;
import dev.alknet.core.policy.TargetPattern;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Converts between {@link RuleText} (config strings) and {@link ForwardingRule}. */
public final class RuleSyntax {

    private static final String ALL = "*";

    private RuleSyntax() {
    }

    /** {@code allow} or {@code deny} in any case, surrounding white space ignored. */
    public static ForwardingAction action(String text, int ruleIndex, String field) {
        if (text == null) {
            throw new PolicySyntaxException(ruleIndex, field, null, "missing; expected 'allow' or 'deny'");
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "allow":
                return ForwardingAction.ALLOW;
            case "deny":
                return ForwardingAction.DENY;
            default:
                throw new PolicySyntaxException(ruleIndex, field, text, "expected 'allow' or 'deny'");
        }
    }

    public static ForwardingRule parse(RuleText text, int ruleIndex) {
        if (text == null) {
            throw new PolicySyntaxException(ruleIndex, "rule", null, "missing");
        }
        TargetPattern target = TargetSyntax.parse(text.target(), ruleIndex);
        ForwardingAction action = action(text.action(), ruleIndex, "action");
        Set<String> principals = principals(text.principals(), ruleIndex);
        Set<TransportKind> transports = transports(text.transports(), ruleIndex);
        return new ForwardingRule(target, action, principals, transports);
    }

    private static Set<String> principals(List<String> texts, int ruleIndex) {
        requireEntries(texts, ruleIndex, "principals", "everyone");
        Set<String> principals = new LinkedHashSet<>();
        for (String text : texts) {
            String principal = text.strip();
            if (principal.isEmpty()) {
                throw new PolicySyntaxException(ruleIndex, "principals", text,
                        "a principal must not be blank; use '*' for everyone");
            }
            principals.add(principal);
        }
        return principals.contains(ALL) ? Set.of() : principals;
    }

    private static Set<TransportKind> transports(List<String> texts, int ruleIndex) {
        requireEntries(texts, ruleIndex, "transports", "all transports");
        Set<TransportKind> kinds = EnumSet.noneOf(TransportKind.class);
        boolean all = false;
        for (String text : texts) {
            if (text.strip().equals(ALL)) {
                all = true;
                continue;
            }
            try {
                kinds.add(TransportKind.parse(text));
            } catch (IllegalArgumentException unknown) {
                throw new PolicySyntaxException(ruleIndex, "transports", text,
                        "unknown transport; expected '*' or one of " + EnumSet.allOf(TransportKind.class));
            }
        }
        return all ? Set.of() : kinds;
    }

    private static void requireEntries(List<String> texts, int ruleIndex, String field, String everything) {
        if (texts.isEmpty()) {
            throw new PolicySyntaxException(ruleIndex, field, null,
                    "the list is empty; omit it or write [\"*\"] for " + everything);
        }
        // Not texts.contains(null): immutable lists throw on that query.
        for (String text : texts) {
            if (text == null) {
                throw new PolicySyntaxException(ruleIndex, field, null, "the list has a missing entry");
            }
        }
    }

    public static RuleText format(ForwardingRule rule) {
        List<String> principals = rule.appliesToEveryone() ? List.of(ALL) : List.copyOf(rule.principals());
        List<String> transports = new ArrayList<>();
        rule.transports().forEach(kind -> transports.add(kind.wireName()));
        return new RuleText(rule.target().format(), rule.action().wireName(), principals,
                transports.isEmpty() ? List.of(ALL) : transports);
    }
}
