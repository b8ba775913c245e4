package dev.alknet.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is on the other end of a session, as resolved by an {@link IdentityProvider}.
 *
 * <p>{@code id} is an OpenSSH fingerprint ({@code SHA256:...}) for config-based auth or an account id for
 * storage-based auth. Scopes and resources are owned by the provider; policies only read them. Instances are
 * immutable; collections keep their insertion order (stable JSON) but compare as sets, so two providers that
 * grant the same scopes in a different order yield equal identities.
 */
public record Identity(String id, Set<String> scopes, Map<String, Set<String>> resources) {

    private static final Identity ANONYMOUS = new Identity("", Set.of(), Map.of());

    public Identity {
        Objects.requireNonNull(id, "id");
        scopes = freezeSet(Objects.requireNonNull(scopes, "scopes"), "scope");
        Objects.requireNonNull(resources, "resources");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        resources.forEach((kind, names) -> copy.put(
                Objects.requireNonNull(kind, "resource kind"),
                freezeSet(Objects.requireNonNull(names, "resources of " + kind), "resource")));
        resources = Collections.unmodifiableMap(copy);
    }

    /** An identity with scopes only. */
    public static Identity of(String id, String... scopes) {
        return new Identity(id, Set.of(scopes), Map.of());
    }

    /** The identity of an unauthenticated session: empty id, no scopes, no resources. */
    public static Identity anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return id.isEmpty();
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** True when {@code name} is listed under resource kind {@code kind} (e.g. {@code service} / {@code gitea}). */
    public boolean hasResource(String kind, String name) {
        Set<String> names = resources.get(kind);
        return names != null && names.contains(name);
    }

    private static Set<String> freezeSet(Collection<String> values, String what) {
        Set<String> copy = new LinkedHashSet<>();
        for (String v : values) {
            copy.add(Objects.requireNonNull(v, what));
        }
        return Collections.unmodifiableSet(copy);
    }
}
