package dev.alknet.core.config.internal;

import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.core.policy.PolicySyntaxException;
import dev.alknet.core.policy.RuleText;
import java.util.List;

/** Reads {@code [forwarding]} and its {@code [[forwarding.rules]]} into a policy. */
final class ForwardingSection {

    private static final List<String> RULE_KEYS = List.of("target", "action", "principals", "transports");

    private ForwardingSection() {
    }

    /** No {@code [forwarding]} table allows everything; a table must say its default. */
    static ForwardingPolicy read(TomlTable forwarding) {
        forwarding.allowOnly("default", "rules");
        String defaultAction = forwarding.string("default").orElse(null);
        List<RuleText> rules = forwarding.tables("rules").stream().map(ForwardingSection::rule).toList();
        try {
            return ForwardingPolicy.parse(defaultAction, rules);
        } catch (PolicySyntaxException e) {
            KeyPath at = e.ruleIndex() == PolicySyntaxException.NO_RULE
                    ? forwarding.path().key("default")
                    : forwarding.path().key("rules").index(e.ruleIndex());
            if (RULE_KEYS.contains(e.field())) {
                at = at.key(e.field());
            }
            throw forwarding.source().error(at, e.getMessage(), e);
        }
    }

    private static RuleText rule(TomlTable rule) {
        rule.allowOnly(RULE_KEYS.toArray(String[]::new));
        // Absent keys stay null: the policy parser knows the defaults and reports what is missing.
        return new RuleText(rule.string("target").orElse(null), rule.string("action").orElse(null),
                rule.strings("principals").orElse(null), rule.strings("transports").orElse(null));
    }
}
