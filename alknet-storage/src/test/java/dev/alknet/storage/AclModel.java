package dev.alknet.storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference model of the ACL rules computed the other way round from the storage walk: forward, as a fixpoint of
 * the capabilities every principal holds. The properties compare the two.
 */
final class AclModel {

    /** An ACL edge: a grant (action set), a membership, or a delegation. */
    record AclEdge(String kind, String from, String to, Set<String> narrowed, boolean narrowable) {
    }

    private record Cap(String resource, String action, Set<String> scopes, boolean transferable) {
    }

    private final Map<String, Set<Cap>> caps = new HashMap<>();

    AclModel(Map<String, Set<String>> principalScopes, List<AclEdge> edges) {
        principalScopes.keySet().forEach(p -> caps.put(p, new HashSet<>()));
        for (AclEdge e : edges) {
            if (e.kind().startsWith("can_")) {
                caps.get(e.from()).add(new Cap(e.to(), e.kind(), principalScopes.get(e.from()), true));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (AclEdge e : edges) {
                if (e.kind().equals("belongs_to")) {
                    changed |= caps.get(e.from()).addAll(Set.copyOf(caps.get(e.to())));
                } else if (e.kind().equals("delegates")) {
                    for (Cap c : Set.copyOf(caps.get(e.from()))) {
                        if (c.transferable()) {
                            Set<String> s = new HashSet<>(c.scopes());
                            s.retainAll(e.narrowed());
                            changed |= caps.get(e.to()).add(new Cap(c.resource(), c.action(), Set.copyOf(s),
                                    e.narrowable()));
                        }
                    }
                }
            }
        }
    }

    boolean allowed(String principal, String resource, AclAction action, Set<String> required) {
        return caps.getOrDefault(principal, Set.of()).stream().anyMatch(c -> c.resource().equals(resource)
                && c.action().equals(action.edgeType()) && c.scopes().containsAll(required));
    }
}
