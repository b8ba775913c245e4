package dev.alknet.core.policy;

import java.util.List;
import java.util.Locale;

/**
 * Decides which forwarding destinations a session may reach. This first cut only knows the default action;
 * rules follow.
 */
public final class ForwardingPolicy {

    private static final ForwardingPolicy ALLOW_ALL = new ForwardingPolicy(ForwardingAction.ALLOW);
    private static final ForwardingPolicy DENY_ALL = new ForwardingPolicy(ForwardingAction.DENY);

    private final ForwardingAction defaultAction;

    private ForwardingPolicy(ForwardingAction defaultAction) {
        this.defaultAction = defaultAction;
    }

    public static ForwardingPolicy allowAll() {
        return ALLOW_ALL;
    }

    public static ForwardingPolicy denyAll() {
        return DENY_ALL;
    }

    /**
     * Parses a policy written in the string syntax.
     *
     * @throws PolicySyntaxException naming the offending rule (0-based) or {@link PolicySyntaxException#NO_RULE}
     *     for the default action
     */
    public static ForwardingPolicy parse(String defaultAction, List<RuleText> rules) {
        if (defaultAction == null) {
            throw new PolicySyntaxException(PolicySyntaxException.NO_RULE, "default", null,
                    "missing; expected 'allow' or 'deny'");
        }
        ForwardingAction action;
        switch (defaultAction.trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> action = ForwardingAction.ALLOW;
            case "deny" -> action = ForwardingAction.DENY;
            default -> throw new PolicySyntaxException(PolicySyntaxException.NO_RULE, "default", defaultAction,
                    "expected 'allow' or 'deny'");
        }
        if (rules != null && !rules.isEmpty()) {
            throw new PolicySyntaxException(0, "rule", null, "forwarding rules are not supported by this build yet");
        }
        return action == ForwardingAction.ALLOW ? ALLOW_ALL : DENY_ALL;
    }

    public ForwardingAction defaultAction() {
        return defaultAction;
    }
}
