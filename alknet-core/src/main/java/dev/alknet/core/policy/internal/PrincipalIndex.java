package dev.alknet.core.policy.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.policy.ForwardingRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers every principal named by a policy's rules, so that an identity is looked up once per decision (its id
 * and each scope) and each rule then tests bits instead of hashing strings.
 */
public final class PrincipalIndex {

    private static final long[] NOBODY = new long[0];

    private final Map<String, Integer> numbers = new HashMap<>();

    public PrincipalIndex(List<ForwardingRule> rules) {
        for (ForwardingRule rule : rules) {
            for (String principal : rule.principals()) {
                numbers.putIfAbsent(principal, numbers.size());
            }
        }
    }

    /** The numbers of {@code rule}'s principals; empty means everyone. */
    int[] numbersOf(ForwardingRule rule) {
        return rule.principals().stream().mapToInt(numbers::get).toArray();
    }

    /** A bit set, by principal number, of the principals {@code identity} has. */
    public long[] principalsOf(Identity identity) {
        if (numbers.isEmpty()) {
            return NOBODY;
        }
        long[] bits = new long[(numbers.size() + 63) / 64];
        set(bits, identity.id());
        for (String scope : identity.scopes()) {
            set(bits, scope);
        }
        return bits;
    }

    private void set(long[] bits, String principal) {
        Integer number = numbers.get(principal);
        if (number != null) {
            bits[number >>> 6] |= 1L << number;
        }
    }

    /**
     * A one-word Bloom filter of principal numbers (bit {@code n mod 64}): two sets with disjoint filters share no
     * principal, which settles most non-matching rules with a single AND.
     */
    static long filter(int[] numbers) {
        long filter = 0;
        for (int number : numbers) {
            filter |= 1L << number;
        }
        return filter;
    }

    /** {@link #filter(int[])} of the numbers set in {@code bits}. */
    static long filter(long[] bits) {
        long filter = 0;
        for (long word : bits) {
            filter |= word;
        }
        return filter;
    }

    static boolean has(long[] bits, int number) {
        return (bits[number >>> 6] & (1L << number)) != 0;
    }
}
