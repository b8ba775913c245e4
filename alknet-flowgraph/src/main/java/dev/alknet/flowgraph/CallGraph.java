package dev.alknet.flowgraph;

import dev.alknet.flowgraph.internal.CallDigraph;
import dev.alknet.flowgraph.internal.CallState;
import dev.alknet.flowgraph.internal.FinishedTrees;
import dev.alknet.flowgraph.internal.Walks;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.traverse.TopologicalOrderIterator;
import tools.jackson.databind.JsonNode;

/**
 * The live graph of calls (alknet-spec §2.12): which call triggered or depends on which, each call's status and
 * timing. Edges point downstream; the graph stays acyclic (a call can never become its own ancestor), without
 * self-loops or parallel edges.
 *
 * <p>Two ways in: the strict methods ({@link #add}, {@link #start}, {@link #complete}, {@link #fail}, ...) throw on
 * anything the status machine or the DAG forbids; {@link #apply}/{@link #onEvent} take call-protocol events, fill
 * in what the wire leaves implicit and never throw (see docs/flowgraph.md, "Events").
 *
 * <p>Thread safety: a synchronized façade. Every public method holds one private lock for its whole duration, so
 * events from several sessions may be applied concurrently and readers always see a consistent graph; queries
 * return immutable snapshots. The expected use is one writer (the host's event path) and occasional readers.
 */
public final class CallGraph implements CallEventListener {

    /** Calls that end between two automatic retention sweeps; bounds the sweep cost per event. */
    private static final int SWEEP_EVERY = 1_024;

    private static final Comparator<CallEdge> EDGE_ORDER = Comparator.comparing(CallEdge::source)
            .thenComparing(CallEdge::target);

    private final Object lock = new Object();
    private final InstantSource clock;
    private final Consumer<EventResult.Rejected> rejected;
    private final Graph<String, CallEdge> graph = new CallDigraph();
    private final Map<String, CallState> calls = new HashMap<>();
    /** Children whose {@code call.requested} arrived before their parent's, by parent id. */
    private final Map<String, List<String>> waitingForParent = new HashMap<>();
    private final Retention retention;
    private final FinishedTrees finished = new FinishedTrees();

    private CallGraph(InstantSource clock, Consumer<EventResult.Rejected> rejected, Retention retention) {
        this.clock = clock;
        this.rejected = rejected;
        this.retention = retention;
    }

    /** A graph on the system clock that drops rejected events. */
    public static CallGraph create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- events ----

    /** Applies the event, and hands a rejection to the builder's {@code onRejected} handler. Never throws. */
    @Override
    public void onEvent(CallEvent event) {
        if (apply(event) instanceof EventResult.Rejected rejection) {
            rejected.accept(rejection);
        }
    }

    /**
     * Applies one call-protocol event. Never throws: whatever the strict methods would refuse is returned as
     * {@link EventResult.Rejected} and leaves the graph unchanged.
     */
    public EventResult apply(CallEvent event) {
        synchronized (lock) {
            try {
                List<String> cancelled = applyStrictly(event);
                if (!(event instanceof CallEvent.Aborted)) {
                    sweepIfDue();
                }
                return new EventResult.Applied(cancelled);
            } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
                return new EventResult.Rejected(event, e.getMessage());
            }
        }
    }

    private List<String> applyStrictly(CallEvent event) {
        if (event instanceof CallEvent.Requested requested) {
            insert(requested);
        } else if (event instanceof CallEvent.Started started) {
            move(state(started.requestId()), CallStatus.RUNNING);
        } else if (event instanceof CallEvent.Responded responded) {
            CallState call = startIfPending(responded.requestId());
            if (!call.subscription) {
                move(call, CallStatus.COMPLETED);
            }
            call.output = responded.output();
        } else if (event instanceof CallEvent.Completed completed) {
            move(startIfPending(completed.requestId()), CallStatus.COMPLETED);
        } else if (event instanceof CallEvent.Error error) {
            move(startIfPending(error.requestId()), CallStatus.FAILED).error = error.error();
        } else if (event instanceof CallEvent.Aborted aborted) {
            return abort(aborted.requestId());
        }
        return List.of();
    }

    /** The wire has no "handler started": a response or error proves the handler ran. */
    private CallState startIfPending(String requestId) {
        CallState call = state(requestId);
        if (call.status == CallStatus.PENDING) {
            move(call, CallStatus.RUNNING);
        }
        return call;
    }

    // ---- strict mutations ----

    /**
     * Adds a Pending call, with a {@code triggered} edge from its parent. A parent not yet in the graph is linked
     * when its own request arrives.
     *
     * @throws IllegalArgumentException when the request id is already in the graph
     * @throws CycleException when linking waiting children would make a call its own ancestor (nothing is added)
     */
    public CallNode add(CallEvent.Requested request) {
        synchronized (lock) {
            return insert(request).snapshot();
        }
    }

    private CallState insert(CallEvent.Requested request) {
        String id = request.requestId();
        if (calls.containsKey(id)) {
            throw new IllegalArgumentException("call " + id + " is already in the graph");
        }
        String parent = request.parentRequestId();
        if (id.equals(parent)) {
            throw new CycleException("call " + id + " cannot be its own parent", List.of(id, id));
        }
        List<String> waiting = waitingForParent.getOrDefault(id, List.of());
        if (parent != null && calls.containsKey(parent)) {
            for (String child : waiting) {
                // parent → id → child closes a cycle exactly when child already reaches parent
                GraphPath<String, CallEdge> path = BFSShortestPath.findPathBetween(graph, child, parent);
                if (path != null) {
                    List<String> cycle = new ArrayList<>(List.of(id));
                    cycle.addAll(path.getVertexList());
                    cycle.add(id);
                    throw new CycleException("call " + child + " cannot be a child of " + id, cycle);
                }
            }
        }
        CallState call = new CallState(id, request.operationId(), parent, request.input(), request.identityId(),
                request.subscription());
        graph.addVertex(id);
        calls.put(id, call);
        if (parent != null && calls.containsKey(parent)) {
            graph.addEdge(parent, id, new CallEdge(parent, id, CallEdgeType.TRIGGERED));
        } else if (parent != null) {
            waitingForParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(id);
        }
        waitingForParent.remove(id);
        for (String child : waiting) {
            graph.addEdge(id, child, new CallEdge(id, child, CallEdgeType.TRIGGERED));
        }
        return call;
    }

    /**
     * Declares that {@code dependent} needs the result of {@code dependency}: a {@code depends_on} edge
     * dependency → dependent, so aborting the dependency reaches the dependent.
     *
     * @throws CycleException when the dependency is the dependent or already downstream of it
     */
    public void dependsOn(String dependent, String dependency) {
        synchronized (lock) {
            state(dependent);
            state(dependency);
            link(dependency, dependent, CallEdgeType.DEPENDS_ON,
                    "call " + dependent + " cannot depend on " + dependency);
        }
    }

    private void link(String source, String target, CallEdgeType type, String what) {
        if (source.equals(target)) {
            throw new CycleException(what, List.of(source, source));
        }
        if (graph.containsEdge(source, target)) {
            return;
        }
        GraphPath<String, CallEdge> back = BFSShortestPath.findPathBetween(graph, target, source);
        if (back != null) {
            List<String> cycle = new ArrayList<>();
            cycle.add(source);
            cycle.addAll(back.getVertexList());
            throw new CycleException(what, cycle);
        }
        graph.addEdge(source, target, new CallEdge(source, target, type));
    }

    /** Pending → Running. @throws InvalidTransitionException from any other status */
    public CallNode start(String requestId) {
        synchronized (lock) {
            return move(state(requestId), CallStatus.RUNNING).snapshot();
        }
    }

    /** Running → Completed with the output (may be null). @throws InvalidTransitionException otherwise */
    public CallNode complete(String requestId, JsonNode output) {
        synchronized (lock) {
            CallState call = state(requestId);
            move(call, CallStatus.COMPLETED);
            call.output = output;
            CallNode completed = call.snapshot();
            sweepIfDue();
            return completed;
        }
    }

    /** Running → Failed. @throws InvalidTransitionException otherwise */
    public CallNode fail(String requestId, CallErrorInfo error) {
        Objects.requireNonNull(error, "error");
        synchronized (lock) {
            CallState call = state(requestId);
            move(call, CallStatus.FAILED);
            call.error = error;
            CallNode failed = call.snapshot();
            sweepIfDue();
            return failed;
        }
    }

    /**
     * Aborts a Pending or Running call and, when its policy is {@link AbortPolicy#ABORT_DEPENDENTS} (the default),
     * every Pending or Running call downstream of it (through both edge types, also past calls that already ended).
     *
     * @return the calls now Aborted, the given one first, in dependency order (every edge between two of them goes
     *     forward): the order in which to cancel them
     * @throws InvalidTransitionException when the call already ended (nothing changes)
     */
    public List<String> abort(String requestId) {
        synchronized (lock) {
            CallState call = state(requestId);
            if (!call.status.canMoveTo(CallStatus.ABORTED)) {
                throw new InvalidTransitionException(requestId, call.status, CallStatus.ABORTED);
            }
            List<String> scope = call.abortPolicy == AbortPolicy.ABORT_DEPENDENTS
                    ? Walks.downstreamInOrder(graph, requestId) : List.of(requestId);
            List<String> aborted = new ArrayList<>(scope.size());
            Instant now = clock.instant();
            for (String id : scope) {
                CallState next = calls.get(id);
                if (!next.status.isTerminal()) {
                    next.status = CallStatus.ABORTED;
                    next.endedAt = now;
                    aborted.add(id);
                    finished.ended(id);
                }
            }
            return aborted;
        }
    }

    /** Sets what aborting {@code requestId} does to the calls downstream of it. */
    public void abortPolicy(String requestId, AbortPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        synchronized (lock) {
            state(requestId).abortPolicy = policy;
        }
    }

    private CallState move(CallState call, CallStatus next) {
        if (!call.status.canMoveTo(next)) {
            throw new InvalidTransitionException(call.requestId, call.status, next);
        }
        call.status = next;
        if (next == CallStatus.RUNNING) {
            call.startedAt = clock.instant();
        } else {
            call.endedAt = clock.instant();
            finished.ended(call.requestId);
        }
        return call;
    }

    /**
     * Sweeps between whole operations, never in the middle of one, and never in an abort: a cascade ends many calls
     * at once and its caller is waiting to cancel them, so their trees are looked at by the next event (or the
     * host's timer) instead.
     */
    private void sweepIfDue() {
        if (finished.endedSinceSweep() >= SWEEP_EVERY) {
            evictFinished();
        }
    }

    /**
     * Evicts finished trees per the {@link Retention}: those finished longer than {@code maxAge} ago, then the
     * oldest beyond {@code maxFinishedTrees}. The graph also runs this itself after every 1,024 calls that end; a
     * host calls it on a timer so that an idle graph is trimmed by age too.
     *
     * @return how many calls were evicted
     */
    public int evictFinished() {
        synchronized (lock) {
            return finished.sweep(graph, calls, clock.instant().minus(retention.maxAge()),
                    retention.maxFinishedTrees(), this::remove);
        }
    }

    private void remove(String requestId) {
        CallState call = calls.remove(requestId);
        graph.removeVertex(requestId);
        List<String> siblings = call.parentRequestId == null ? null : waitingForParent.get(call.parentRequestId);
        if (siblings != null) {
            siblings.remove(requestId);
            if (siblings.isEmpty()) {
                waitingForParent.remove(call.parentRequestId);
            }
        }
    }

    // ---- queries (snapshots; each holds the lock for its whole walk) ----

    public Optional<CallNode> call(String requestId) {
        synchronized (lock) {
            CallState call = calls.get(requestId);
            return call == null ? Optional.empty() : Optional.of(call.snapshot());
        }
    }

    public int size() {
        synchronized (lock) {
            return calls.size();
        }
    }

    /** Every edge, sorted by source then target. */
    public List<CallEdge> edges() {
        synchronized (lock) {
            return graph.edgeSet().stream().sorted(EDGE_ORDER).toList();
        }
    }

    /** Calls and edges at one instant. */
    public CallGraphSnapshot snapshot() {
        synchronized (lock) {
            return new CallGraphSnapshot(calls(), edges());
        }
    }

    /** Every call, sorted by request id. */
    public List<CallNode> calls() {
        synchronized (lock) {
            return snapshots(calls.keySet().stream().sorted().toList());
        }
    }

    /** Calls nothing is upstream of (including children whose parent has not arrived), by request id. */
    public List<CallNode> roots() {
        synchronized (lock) {
            return snapshots(calls.keySet().stream().filter(id -> graph.inDegreeOf(id) == 0).sorted().toList());
        }
    }

    /** The calls {@code requestId} triggered, by request id. */
    public List<CallNode> children(String requestId) {
        synchronized (lock) {
            state(requestId);
            return snapshots(graph.outgoingEdgesOf(requestId).stream()
                    .filter(e -> e.type() == CallEdgeType.TRIGGERED).map(CallEdge::target).sorted().toList());
        }
    }

    /** Every call upstream of {@code requestId} (both edge types), in topological order. */
    public List<CallNode> ancestors(String requestId) {
        synchronized (lock) {
            state(requestId);
            return snapshots(Walks.topologicalOrder(graph, Walks.ancestors(graph, requestId)));
        }
    }

    /** Every call downstream of {@code requestId} (both edge types), in topological order. */
    public List<CallNode> descendants(String requestId) {
        synchronized (lock) {
            state(requestId);
            return snapshots(Walks.topologicalOrder(graph, Walks.descendants(graph, requestId)));
        }
    }

    /** The chain of {@code triggered} parents from the root down to {@code requestId} itself. */
    public List<CallNode> lineage(String requestId) {
        synchronized (lock) {
            List<String> chain = new ArrayList<>();
            String current = state(requestId).requestId;
            while (current != null) {
                chain.add(0, current);
                current = graph.incomingEdgesOf(current).stream().filter(e -> e.type() == CallEdgeType.TRIGGERED)
                        .map(CallEdge::source).findFirst().orElse(null);
            }
            return snapshots(chain);
        }
    }

    /** Every call, upstream before downstream; ties by request id. */
    public List<String> topologicalOrder() {
        synchronized (lock) {
            List<String> order = new ArrayList<>(calls.size());
            new TopologicalOrderIterator<>(graph, Comparator.<String>naturalOrder()).forEachRemaining(order::add);
            return order;
        }
    }

    /** Calls with this status, by request id. */
    public List<CallNode> withStatus(CallStatus status) {
        synchronized (lock) {
            return snapshots(calls.values().stream().filter(c -> c.status == status).map(c -> c.requestId)
                    .sorted().toList());
        }
    }

    /** Calls whose duration (start to end) is within {@code [atLeast, atMost]}, longest first. */
    public List<CallNode> withDuration(Duration atLeast, Duration atMost) {
        synchronized (lock) {
            return calls.values().stream().map(CallState::snapshot)
                    .filter(c -> c.duration().filter(d -> d.compareTo(atLeast) >= 0 && d.compareTo(atMost) <= 0)
                            .isPresent())
                    .sorted(Comparator.comparing((CallNode c) -> c.duration().orElseThrow()).reversed()
                            .thenComparing(CallNode::requestId))
                    .toList();
        }
    }

    /** The longest chain of completed calls by summed duration, following edges between completed calls. */
    public CriticalPath criticalPath() {
        synchronized (lock) {
            List<String> completed = calls.values().stream().filter(c -> c.status == CallStatus.COMPLETED)
                    .map(c -> c.requestId).sorted().toList();
            Map<String, Duration> best = new HashMap<>();
            Map<String, String> previous = new HashMap<>();
            String end = null;
            for (String id : Walks.topologicalOrder(graph, completed)) {
                Duration upstream = Duration.ZERO;
                String from = null;
                for (CallEdge edge : graph.incomingEdgesOf(id)) {
                    Duration before = best.get(edge.source());
                    if (before != null && (from == null || before.compareTo(upstream) > 0)) {
                        upstream = before;
                        from = edge.source();
                    }
                }
                if (from != null) {
                    previous.put(id, from);
                }
                CallState call = calls.get(id);
                best.put(id, upstream.plus(Duration.between(call.startedAt, call.endedAt)));
                if (end == null || best.get(id).compareTo(best.get(end)) > 0) {
                    end = id;
                }
            }
            List<String> chain = new ArrayList<>();
            for (String id = end; id != null; id = previous.get(id)) {
                chain.add(0, id);
            }
            return new CriticalPath(snapshots(chain), end == null ? Duration.ZERO : best.get(end));
        }
    }

    private List<CallNode> snapshots(Collection<String> ids) {
        List<CallNode> nodes = new ArrayList<>(ids.size());
        for (String id : ids) {
            nodes.add(calls.get(id).snapshot());
        }
        return nodes;
    }

    private CallState state(String requestId) {
        CallState call = calls.get(requestId);
        if (call == null) {
            throw new NoSuchElementException("no call " + requestId);
        }
        return call;
    }

    /** Options of a {@link CallGraph}. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private Consumer<EventResult.Rejected> onRejected = r -> { };
        private Retention retention = Retention.DEFAULT;

        private Builder() {
        }

        /** The clock that stamps start and end times (inject a fixed one in tests). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long finished trees are kept (default {@link Retention#DEFAULT}). */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** Receives events {@link CallGraph#onEvent} could not apply (default: dropped). */
        public Builder onRejected(Consumer<EventResult.Rejected> onRejected) {
            this.onRejected = Objects.requireNonNull(onRejected, "onRejected");
            return this;
        }

        public CallGraph build() {
            return new CallGraph(clock, onRejected, retention);
        }
    }
}
