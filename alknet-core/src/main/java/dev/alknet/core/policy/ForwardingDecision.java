package dev.alknet.core.policy;

import java.util.Objects;

/**
 * The outcome of {@link ForwardingPolicy#decide}: the action and which rule chose it. It never holds the
 * destination, so it can be logged as is ("deny by rule 2") without leaking where a tunnel was going.
 *
 * @param ruleIndex 0-based index into {@link ForwardingPolicy#rules()}, or {@link #DEFAULT_RULE} when no rule
 *     matched and the default action applied
 */
public record ForwardingDecision(ForwardingAction action, int ruleIndex) {

    public static final int DEFAULT_RULE = -1;

    public ForwardingDecision {
        Objects.requireNonNull(action, "action");
        if (ruleIndex < DEFAULT_RULE) {
            throw new IllegalArgumentException("rule index " + ruleIndex + " is negative");
        }
    }

    public boolean allowed() {
        return action == ForwardingAction.ALLOW;
    }

    public boolean byDefault() {
        return ruleIndex == DEFAULT_RULE;
    }

    @Override
    public String toString() {
        return action.wireName() + (byDefault() ? " by default" : " by rule " + ruleIndex);
    }
}
