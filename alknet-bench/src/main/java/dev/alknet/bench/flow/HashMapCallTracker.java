package dev.alknet.bench.flow;

import dev.alknet.flowgraph.CallEvent;
import dev.alknet.flowgraph.CallStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: the same events tracked with plain HashMaps and child lists, the same status checks and the same
 * cascade, but no graph library, no cycle checks, no dependency order, no retention and no lock. What CallGraph
 * costs on top of this is the price of JGraphT and of its guarantees.
 */
final class HashMapCallTracker {

    private static final class Call {
        CallStatus status = CallStatus.PENDING;
        final List<String> children = new ArrayList<>(2);
        Object output;
        long startedAt;
        long endedAt;
    }

    private final Map<String, Call> calls = new HashMap<>();

    /** @return false when the event cannot be applied */
    boolean apply(CallEvent event) {
        if (event instanceof CallEvent.Requested requested) {
            if (calls.putIfAbsent(requested.requestId(), new Call()) != null) {
                return false;
            }
            Call parent = requested.parentRequestId() == null ? null : calls.get(requested.parentRequestId());
            if (parent != null) {
                parent.children.add(requested.requestId());
            }
            return true;
        }
        Call call = calls.get(event.requestId());
        if (call == null) {
            return false;
        }
        if (event instanceof CallEvent.Aborted) {
            return !abort(event.requestId()).isEmpty();
        }
        if (event instanceof CallEvent.Started) {
            return move(call, CallStatus.RUNNING);
        }
        if (call.status == CallStatus.PENDING) {
            move(call, CallStatus.RUNNING);
        }
        if (event instanceof CallEvent.Responded responded) {
            call.output = responded.output();
        }
        return move(call, event instanceof CallEvent.Error ? CallStatus.FAILED : CallStatus.COMPLETED);
    }

    private static boolean move(Call call, CallStatus next) {
        if (!call.status.canMoveTo(next)) {
            return false;
        }
        call.status = next;
        if (next == CallStatus.RUNNING) {
            call.startedAt = System.nanoTime();
        } else {
            call.endedAt = System.nanoTime();
        }
        return true;
    }

    List<String> abort(String requestId) {
        List<String> aborted = new ArrayList<>();
        Call root = calls.get(requestId);
        if (root == null || root.status.isTerminal()) {
            return aborted;
        }
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(requestId);
        seen.add(requestId);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            Call call = calls.get(id);
            if (!call.status.isTerminal()) {
                call.status = CallStatus.ABORTED;
                call.endedAt = System.nanoTime();
                aborted.add(id);
            }
            for (String child : call.children) {
                if (seen.add(child)) {
                    queue.add(child);
                }
            }
        }
        return aborted;
    }

    int size() {
        return calls.size();
    }
}
