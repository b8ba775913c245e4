package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.CallEdge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jgrapht.Graph;

/**
 * Bookkeeping for retention: which calls ended since the last sweep, and which trees were seen finished (oldest
 * first). Records can go stale (a late child joins a finished tree, two trees get linked); they are checked again
 * before anything is evicted, so a stale record never evicts a live call.
 */
public final class FinishedTrees {

    private record Tree(String member, Instant finishedAt) {
    }

    private static final Comparator<Tree> OLDEST_FIRST = Comparator.comparing(Tree::finishedAt)
            .thenComparing(Tree::member);

    private final Set<String> endedSinceSweep = new HashSet<>();
    private final TreeSet<Tree> trees = new TreeSet<>(OLDEST_FIRST);
    private final Map<String, Tree> byMember = new HashMap<>();

    public void ended(String requestId) {
        endedSinceSweep.add(requestId);
    }

    public int endedSinceSweep() {
        return endedSinceSweep.size();
    }

    /**
     * Records the trees of the calls that ended since the last sweep when they are finished, then evicts finished
     * trees older than {@code oldestKept} and, beyond {@code maxTrees}, the oldest ones.
     *
     * @param evict removes one call from the graph
     * @return how many calls were evicted
     */
    public int sweep(Graph<String, CallEdge> graph, Map<String, CallState> calls, Instant oldestKept, int maxTrees,
            Consumer<String> evict) {
        Set<String> visited = new HashSet<>();
        for (String id : endedSinceSweep) {
            if (calls.containsKey(id) && !visited.contains(id)) {
                List<String> tree = finishedTree(graph, calls, id, visited);
                if (tree != null) {
                    record(tree, new Tree(id, lastEnd(tree, calls)));
                }
            }
        }
        endedSinceSweep.clear();
        int evicted = 0;
        while (!trees.isEmpty()
                && (trees.size() > maxTrees || trees.first().finishedAt().isBefore(oldestKept))) {
            Tree oldest = trees.pollFirst();
            byMember.remove(oldest.member());
            if (!calls.containsKey(oldest.member())) {
                continue;
            }
            List<String> tree = finishedTree(graph, calls, oldest.member(), new HashSet<>());
            if (tree != null && oldest.finishedAt().equals(lastEnd(tree, calls))) {
                for (String id : tree) {
                    Tree other = byMember.remove(id);
                    if (other != null) {
                        trees.remove(other);
                    }
                    evict.accept(id);
                }
                evicted += tree.size();
            }
        }
        return evicted;
    }

    /**
     * The tree around {@code start} when every call in it has ended, else null. The walk (breadth first, both
     * directions) stops at the first live call, so checking a tree that is still busy costs little; every call it
     * reaches is added to {@code visited} (same tree, same answer).
     */
    private static List<String> finishedTree(Graph<String, CallEdge> graph, Map<String, CallState> calls,
            String start, Set<String> visited) {
        List<String> tree = new ArrayList<>();
        visited.add(start);
        tree.add(start);
        for (int i = 0; i < tree.size(); i++) {
            String vertex = tree.get(i);
            if (!calls.get(vertex).status.isTerminal()) {
                return null;
            }
            for (CallEdge edge : graph.outgoingEdgesOf(vertex)) {
                if (visited.add(edge.target())) {
                    tree.add(edge.target());
                }
            }
            for (CallEdge edge : graph.incomingEdgesOf(vertex)) {
                if (visited.add(edge.source())) {
                    tree.add(edge.source());
                }
            }
        }
        return tree;
    }

    /** One record per tree: a newer record replaces those of the calls it covers. */
    private void record(List<String> component, Tree tree) {
        List<Tree> replaced = new ArrayList<>();
        for (String id : component) {
            Tree old = byMember.get(id);
            if (old != null) {
                replaced.add(old);
            }
        }
        for (Tree old : replaced) {
            trees.remove(old);
            byMember.remove(old.member());
        }
        trees.add(tree);
        byMember.put(tree.member(), tree);
    }

    /** When the last call of a finished tree ended. */
    private static Instant lastEnd(List<String> tree, Map<String, CallState> calls) {
        Instant last = Instant.MIN;
        for (String id : tree) {
            Instant ended = calls.get(id).endedAt;
            if (ended.isAfter(last)) {
                last = ended;
            }
        }
        return last;
    }
}
