package dev.alknet.flowgraph;

/**
 * Whether an operation's output fits another operation's input (see docs/flowgraph.md for the rules).
 */
public sealed interface Compatibility {

    /** Every value the output schema allows is accepted by the input schema. */
    record Compatible() implements Compatibility {
    }

    /**
     * The two schemas describe the same kind of value but conflict somewhere.
     *
     * @param reason where and how, e.g. {@code at 'user.age': output is number, input requires integer}
     */
    record Incompatible(String reason) implements Compatibility {
    }

    /** The two schemas have nothing in common (different top-level types, objects with no property in common). */
    record Unrelated(String reason) implements Compatibility {
    }

    /** At least one schema is missing, undeclared ({@code {}}), malformed or uses what the check cannot compare. */
    record Unknown(String reason) implements Compatibility {
    }
}
