package dev.alknet.testkit;

import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.Head;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.callproto.Worker;
import dev.alknet.core.Identity;
import dev.alknet.core.transport.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A head, its workers and clients in one JVM, connected by {@link InMemoryTransport}: the real call protocol,
 * sessions and routing, without sockets.
 *
 * <pre>{@code
 * try (InProcessMesh mesh = InProcessMesh.builder()
 *         .head(ops -> ops.query("/head/time/now", (input, env) -> now()))
 *         .worker("w1", ops -> ops.query("/files/read", (input, env) -> read(input)))
 *         .start()) {
 *     CallSession client = mesh.client(Identity.of("alice", "files:read"));
 *     JsonNode file = client.call("/w1/files/read", input).join();
 * }
 * }</pre>
 *
 * Workers authenticate as {@code worker:{node}} with {@link Head#WORKER_SCOPE}; the head as {@code head}.
 */
public final class InProcessMesh implements AutoCloseable {

    /** The identity workers see their head as. */
    public static final Identity HEAD_IDENTITY = Identity.of("head");

    private final Head head;
    private final Map<String, Attached> workers = new LinkedHashMap<>();
    private final List<AutoCloseable> sessions = new ArrayList<>();

    private record Attached(Worker worker, StallableStream stream) {
    }

    private InProcessMesh(Head head) {
        this.head = head;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Head head() {
        return head;
    }

    /** The head's registry: its own operations and, once registered, the workers' under their prefixes. */
    public OperationRegistry headRegistry() {
        return head.registry();
    }

    /**
     * A new session to the head, authenticated as {@code identity}; closed with the mesh.
     */
    public synchronized CallSession client(Identity identity) {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        CallSession headSide = CallSession.builder(pair.server(), identity).registry(head.registry()).start();
        CallSession client = CallSession.builder(pair.client(), HEAD_IDENTITY).start();
        sessions.add(client);
        sessions.add(headSide);
        return client;
    }

    /** An anonymous client: only unrestricted operations answer it. */
    public CallSession client() {
        return client(Identity.anonymous());
    }

    /**
     * Connects and registers another worker, e.g. to test a second worker with a taken name.
     *
     * @throws dev.alknet.callproto.CallException when the head refuses it
     */
    public synchronized Worker addWorker(String node, Consumer<OperationRegistry> operations) {
        OperationRegistry registry = OperationRegistry.create();
        operations.accept(registry);
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        CallSession headSide = CallSession.builder(pair.server(), Identity.of("worker:" + node, Head.WORKER_SCOPE))
                .registry(head.registry()).start();
        sessions.add(headSide);
        StallableStream stream = new StallableStream(pair.client());
        Worker worker = Worker.builder(node, registry).connect(stream, HEAD_IDENTITY);
        workers.put(node, new Attached(worker, stream));
        return worker;
    }

    /** A worker started with the mesh or {@link #addWorker}. */
    public synchronized Worker worker(String node) {
        Attached attached = workers.get(node);
        if (attached == null) {
            throw new IllegalArgumentException("no worker named " + node + "; workers: " + workers.keySet());
        }
        return attached.worker();
    }

    /**
     * Makes a worker hang: it stops reading its session, so it answers nothing (heartbeats included) while the
     * connection stays open. For testing dead-worker detection.
     */
    public synchronized void stall(String node) {
        worker(node);
        workers.get(node).stream().stall();
    }

    /** Closes clients, workers and the head. */
    @Override
    public synchronized void close() {
        workers.values().forEach(attached -> attached.worker().close());
        head.close();
        for (AutoCloseable session : sessions) {
            try {
                session.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing an in-process session failed", e);
            }
        }
    }

    /** What the mesh starts with. */
    public static final class Builder {
        private final List<Consumer<OperationRegistry>> headOperations = new ArrayList<>();
        private final Map<String, Consumer<OperationRegistry>> workers = new LinkedHashMap<>();
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private int missedHeartbeats = 3;

        private Builder() {
        }

        /** Operations of the head itself (e.g. {@code /head/jobs/list}); may be called more than once. */
        public Builder head(Consumer<OperationRegistry> operations) {
            headOperations.add(Objects.requireNonNull(operations, "operations"));
            return this;
        }

        /** A worker and its operations, as {@code /{service}/{op}}; the head exposes them as {@code /{node}/...}. */
        public Builder worker(String node, Consumer<OperationRegistry> operations) {
            if (workers.putIfAbsent(Objects.requireNonNull(node, "node"), operations) != null) {
                throw new IllegalArgumentException("worker " + node + " is defined twice");
            }
            return this;
        }

        /** The head's heartbeat (default every 10 s, dropped after 3 misses); shorten it to test dead workers. */
        public Builder heartbeat(Duration interval, int missed) {
            this.heartbeatInterval = interval;
            this.missedHeartbeats = missed;
            return this;
        }

        /** Starts the head and connects the workers, each registered before this returns. */
        public InProcessMesh start() {
            OperationRegistry registry = OperationRegistry.create();
            headOperations.forEach(operations -> operations.accept(registry));
            InProcessMesh mesh = new InProcessMesh(Head.builder(registry)
                    .heartbeat(heartbeatInterval, missedHeartbeats).start());
            try {
                workers.forEach(mesh::addWorker);
            } catch (RuntimeException e) {
                mesh.close();
                throw e;
            }
            return mesh;
        }
    }
}
