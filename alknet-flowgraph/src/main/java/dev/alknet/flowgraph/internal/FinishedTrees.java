package dev.alknet.flowgraph.internal;

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
    public <E> int sweep(Graph<String, E> graph, Map<String, CallState> calls, Instant oldestKept, int maxTrees,
            Consumer<String> evict) {
        Set<String> seen = new HashSet<>();
        for (String id : endedSinceSweep) {
            if (calls.containsKey(id) && !seen.contains(id)) {
                Set<String> component = Walks.component(graph, id);
                seen.addAll(component);
                Instant finishedAt = finishedAt(component, calls);
                if (finishedAt != null) {
                    record(component, new Tree(id, finishedAt));
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
            Set<String> component = Walks.component(graph, oldest.member());
            if (oldest.finishedAt().equals(finishedAt(component, calls))) {
                for (String id : component) {
                    Tree other = byMember.remove(id);
                    if (other != null) {
                        trees.remove(other);
                    }
                    evict.accept(id);
                }
                evicted += component.size();
            }
        }
        return evicted;
    }

    /** One record per tree: a newer record replaces those of the calls it covers. */
    private void record(Set<String> component, Tree tree) {
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

    /** When the last call of the tree ended, or null while one is still pending or running. */
    private static Instant finishedAt(Set<String> component, Map<String, CallState> calls) {
        Instant last = Instant.MIN;
        for (String id : component) {
            CallState call = calls.get(id);
            if (!call.status.isTerminal()) {
                return null;
            }
            if (call.endedAt.isAfter(last)) {
                last = call.endedAt;
            }
        }
        return last;
    }
}
