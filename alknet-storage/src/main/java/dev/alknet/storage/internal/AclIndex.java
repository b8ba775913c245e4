package dev.alknet.storage.internal;

import dev.alknet.storage.StreamEvent;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The ACL graph in memory, kept up to date by replaying its stream ({@code graph:<aclGraphId>}): every node and edge
 * change of the graph is an event there, in commit order, so position {@code n} of the stream is exactly the graph
 * after its first {@code n} changes. Not thread-safe; {@link JdbcAccessGraph} serializes use.
 */
final class AclIndex {

    /** One state of the walk: a principal, the scopes still allowed (null: all), whether it passes capabilities on. */
    private record State(String key, Set<String> allowed, boolean passingOn) {
    }

    private record Delegation(String delegator, Set<String> narrowed, boolean narrowable) {
    }

    private final Map<String, Set<String>> principalScopes = new HashMap<>();
    /** node → edge id → "type target" for can_* and belongs_to edges out of it. */
    private final Map<String, Map<String, String[]>> outgoing = new HashMap<>();
    /** delegate → edge id → delegation into it. */
    private final Map<String, Map<String, Delegation>> delegationsInto = new HashMap<>();
    private long position;

    long position() {
        return position;
    }

    void apply(StreamEvent event) {
        JsonNode p = event.payload();
        switch (event.type()) {
            case "node.created", "node.updated" -> {
                if (p.path("type").asString().equals(JdbcAccessGraph.PRINCIPAL)) {
                    principalScopes.put(p.path("key").asString(), strings(p.path("attributes").path("scopes")));
                }
            }
            case "node.deleted" -> principalScopes.remove(p.path("key").asString());
            case "edge.created", "edge.updated" -> add(p);
            case "edge.deleted" -> remove(p);
            default -> {
                // Other event types carry nothing the walk needs.
            }
        }
        position = event.position();
    }

    private void add(JsonNode edge) {
        String id = edge.path("id").asString();
        String type = edge.path("type").asString();
        String source = edge.path("sourceKey").asString();
        String target = edge.path("targetKey").asString();
        if (type.equals(JdbcAccessGraph.DELEGATES)) {
            JsonNode a = edge.path("attributes");
            delegationsInto.computeIfAbsent(target, k -> new HashMap<>()).put(id,
                    new Delegation(source, strings(a.path("narrowed_scopes")), a.path("narrowable").asBoolean()));
        } else {
            outgoing.computeIfAbsent(source, k -> new HashMap<>()).put(id, new String[] {type, target});
        }
    }

    private void remove(JsonNode edge) {
        String id = edge.path("id").asString();
        Map<String, String[]> out = outgoing.get(edge.path("sourceKey").asString());
        if (out != null) {
            out.remove(id);
        }
        Map<String, Delegation> in = delegationsInto.get(edge.path("targetKey").asString());
        if (in != null) {
            in.remove(id);
        }
    }

    /** The walk documented on {@link dev.alknet.storage.AccessGraph}. */
    boolean allowed(String start, String resource, String actionEdge, Set<String> required, Set<String> anyOf) {
        if (!principalScopes.containsKey(start)) {
            return false;
        }
        Queue<State> queue = new ArrayDeque<>();
        Set<State> seen = new HashSet<>();
        queue.add(new State(start, null, false));
        while (!queue.isEmpty()) {
            State s = queue.remove();
            if (!seen.add(s)) {
                continue;
            }
            for (String[] out : outgoing.getOrDefault(s.key(), Map.of()).values()) {
                if (out[0].equals(actionEdge) && out[1].equals(resource)) {
                    Set<String> held = narrow(principalScopes.getOrDefault(s.key(), Set.of()), s.allowed());
                    if (held.containsAll(required) && (anyOf.isEmpty() || !Collections.disjoint(held, anyOf))) {
                        return true;
                    }
                }
                if (out[0].equals(JdbcAccessGraph.BELONGS_TO)) {
                    queue.add(new State(out[1], s.allowed(), s.passingOn()));
                }
            }
            for (Delegation d : delegationsInto.getOrDefault(s.key(), Map.of()).values()) {
                if (!s.passingOn() || d.narrowable()) {
                    queue.add(new State(d.delegator(), narrow(d.narrowed(), s.allowed()), true));
                }
            }
        }
        return false;
    }

    /** {@code scopes ∩ allowed}, where a null {@code allowed} means nothing narrowed yet. */
    private static Set<String> narrow(Set<String> scopes, Set<String> allowed) {
        if (allowed == null) {
            return scopes;
        }
        Set<String> out = new LinkedHashSet<>(scopes);
        out.retainAll(allowed);
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }
}
