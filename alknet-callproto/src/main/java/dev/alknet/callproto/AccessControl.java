package dev.alknet.callproto;

import dev.alknet.core.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may call an operation, checked against the session's authenticated {@link Identity} (never against anything
 * in a payload). All set conditions must hold:
 *
 * <ul>
 *   <li>every scope in {@code requiredScopes} (all-of);
 *   <li>at least one scope in {@code anyOfScopes}, when that list is not empty;
 *   <li>when {@code resourceType} is set, the identity lists resources of that type, and when {@code resourceAction}
 *       is set too, that action is among them (e.g. type {@code service}, action {@code read}).
 * </ul>
 *
 * An empty any-of list means "no any-of requirement". (The Rust era treated an explicitly empty list as
 * "never passes"; an operation nobody may call is better expressed by not registering it.)
 *
 * @param requiredScopes all-of scopes
 * @param anyOfScopes any-of scopes; empty for none
 * @param resourceType a resource kind the identity must hold, or null
 * @param resourceAction an entry required under {@code resourceType}, or null; needs {@code resourceType}
 */
public record AccessControl(List<String> requiredScopes, List<String> anyOfScopes, String resourceType,
        String resourceAction) {

    private static final AccessControl NONE = new AccessControl(List.of(), List.of(), null, null);

    public AccessControl {
        requiredScopes = List.copyOf(Objects.requireNonNull(requiredScopes, "requiredScopes"));
        anyOfScopes = List.copyOf(Objects.requireNonNull(anyOfScopes, "anyOfScopes"));
        if (resourceAction != null && resourceType == null) {
            throw new IllegalArgumentException("resourceAction '" + resourceAction + "' needs a resourceType");
        }
    }

    /** No restrictions: anyone may call, including anonymous sessions. */
    public static AccessControl none() {
        return NONE;
    }

    /** Requires every one of {@code scopes}. */
    public static AccessControl allOf(String... scopes) {
        return new AccessControl(List.of(scopes), List.of(), null, null);
    }

    /** Requires at least one of {@code scopes}. */
    public static AccessControl anyOf(String... scopes) {
        return new AccessControl(List.of(), List.of(scopes), null, null);
    }

    /** Requires {@code action} among the identity's resources of kind {@code type}. */
    public static AccessControl resource(String type, String action) {
        return new AccessControl(List.of(), List.of(), Objects.requireNonNull(type, "type"), action);
    }

    /** This control plus all-of {@code scopes}. */
    public AccessControl andAllOf(String... scopes) {
        List<String> all = new ArrayList<>(requiredScopes);
        all.addAll(List.of(scopes));
        return new AccessControl(all, anyOfScopes, resourceType, resourceAction);
    }

    /** True when any condition is set, so an anonymous caller is turned away. */
    public boolean hasRestrictions() {
        return !requiredScopes.isEmpty() || !anyOfScopes.isEmpty() || resourceType != null;
    }

    public boolean allows(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (!identity.scopes().containsAll(requiredScopes)) {
            return false;
        }
        if (!anyOfScopes.isEmpty() && anyOfScopes.stream().noneMatch(identity::hasScope)) {
            return false;
        }
        if (resourceType == null) {
            return true;
        }
        return resourceAction == null
                ? identity.resources().containsKey(resourceType)
                : identity.hasResource(resourceType, resourceAction);
    }
}
