package dev.alknet.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scopes and resources an account or an organisation grants: an account's identity gets its own grant plus
 * the grants of every organisation it is a member of.
 *
 * @param scopes e.g. {@code relay:connect}, {@code service:gitea:read}
 * @param resources resource names by kind, e.g. {@code service -> [gitea, registry]}
 */
public record Grant(Set<String> scopes, Map<String, Set<String>> resources) {

    private static final Grant NONE = new Grant(Set.of(), Map.of());

    public Grant {
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(resources, "resources").forEach((kind, names) -> copy.put(
                Objects.requireNonNull(kind, "resource kind"),
                Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(names, "resources")))));
        resources = Collections.unmodifiableMap(copy);
    }

    public static Grant none() {
        return NONE;
    }

    /** Scopes only. */
    public static Grant of(String... scopes) {
        return new Grant(new LinkedHashSet<>(List.of(scopes)), Map.of());
    }

    /** This grant and {@code other} together. */
    public Grant plus(Grant other) {
        Set<String> s = new LinkedHashSet<>(scopes);
        s.addAll(other.scopes);
        Map<String, Set<String>> r = new LinkedHashMap<>();
        resources.forEach((kind, names) -> r.put(kind, new LinkedHashSet<>(names)));
        other.resources.forEach((kind, names) -> r.computeIfAbsent(kind, k -> new LinkedHashSet<>()).addAll(names));
        return new Grant(s, r);
    }
}
