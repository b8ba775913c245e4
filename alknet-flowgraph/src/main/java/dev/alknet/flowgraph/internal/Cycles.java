package dev.alknet.flowgraph.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds one cycle and its path with an iterative depth-first search (no recursion depth limit). */
public final class Cycles {

    private Cycles() {
    }

    /** A cycle as a path whose first node is repeated at the end, or empty when there is none. */
    public static <V> Optional<List<V>> find(Iterable<V> vertices, Function<V, Iterable<V>> successors) {
        Map<V, Boolean> onStack = new HashMap<>();
        for (V start : vertices) {
            if (onStack.containsKey(start)) {
                continue;
            }
            Deque<V> path = new ArrayDeque<>();
            Deque<Iterator<V>> pending = new ArrayDeque<>();
            path.addLast(start);
            pending.addLast(successors.apply(start).iterator());
            onStack.put(start, true);
            while (!pending.isEmpty()) {
                Iterator<V> next = pending.peekLast();
                if (!next.hasNext()) {
                    onStack.put(path.removeLast(), false);
                    pending.removeLast();
                    continue;
                }
                V successor = next.next();
                Boolean state = onStack.get(successor);
                if (Boolean.TRUE.equals(state)) {
                    return Optional.of(cycle(path, successor));
                }
                if (state == null) {
                    onStack.put(successor, true);
                    path.addLast(successor);
                    pending.addLast(successors.apply(successor).iterator());
                }
            }
        }
        return Optional.empty();
    }

    private static <V> List<V> cycle(Deque<V> path, V repeated) {
        List<V> cycle = new ArrayList<>();
        boolean inCycle = false;
        for (V vertex : path) {
            inCycle |= vertex.equals(repeated);
            if (inCycle) {
                cycle.add(vertex);
            }
        }
        cycle.add(repeated);
        return cycle;
    }
}
