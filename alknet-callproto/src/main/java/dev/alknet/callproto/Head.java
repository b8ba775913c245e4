package dev.alknet.callproto;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.callproto.internal.Invocation;
import dev.alknet.callproto.internal.RemoteCall;
import dev.alknet.callproto.internal.RemoteSubscription;
import dev.alknet.callproto.internal.SessionEngine;
import dev.alknet.callproto.internal.SpecJson;
import dev.alknet.callproto.internal.WorkerLink;
import dev.alknet.core.frame.FrameCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a registry a head: workers register their operations with {@code /head/services/register} and the head
 * exposes them as {@code /{node}/{service}/{op}}, forwarding each call to the worker under its own path
 * ({@code /w1/files/read} → {@code /files/read}).
 *
 * <pre>{@code
 * OperationRegistry registry = OperationRegistry.create().query("/head/jobs/list", ...);
 * try (Head head = Head.builder(registry).heartbeat(Duration.ofSeconds(10), 3).start()) {
 *     // every session serving `registry` may now register workers (with the worker:register scope)
 *     CallSession.builder(stream, authenticatedPeer).registry(registry).start();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Node names are path segments, unique among connected workers: a second worker with a connected worker's name
 *       is refused ({@link ErrorCode#VALIDATION_ERROR}), so a stray process can never take over another's traffic.
 *       Names the head uses for its own operations ({@code head}, {@code services}, ...) are refused too.
 *   <li>Access: the head checks the caller's identity against the worker's spec before forwarding, and sends the
 *       identity along; only a {@link Worker} believes it, and only from the session it opened to its head. When a
 *       worker calls the head while serving a forwarded call (its {@code parentRequestId} names that call), the
 *       nested call runs as the original caller, with access checked again: a worker never gains rights by calling
 *       back.
 *   <li>A worker's operations vanish when its session closes, or when it misses the given number of heartbeats in a
 *       row (a {@code /services/list} call that must be answered within the interval); its calls in flight then fail
 *       with {@link ErrorCode#ABORTED} "worker {node} disconnected: ...".
 * </ul>
 */
public final class Head implements AutoCloseable {

    /** The registration operation (alknet-spec §2.8.6). */
    public static final String REGISTER = "/head/services/register";
    /** The scope a worker's identity needs to register, unless {@link Builder#registerAccess} says otherwise. */
    public static final String WORKER_SCOPE = "worker:register";

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> RESERVED = Set.of("head", "services");

    private final OperationRegistry registry;
    private final Duration heartbeatInterval;
    private final int missedHeartbeats;
    private final Map<String, WorkerLink> workers = new HashMap<>();
    private boolean closed;

    private Head(Builder builder) {
        this.registry = builder.registry;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.missedHeartbeats = builder.missedHeartbeats;
    }

    public static Builder builder(OperationRegistry registry) {
        return new Builder(registry);
    }

    public OperationRegistry registry() {
        return registry;
    }

    /** The node names of the connected workers. */
    public synchronized Set<String> nodes() {
        return new TreeSet<>(workers.keySet());
    }

    /** Removes the registration operation and disconnects every worker. */
    @Override
    public void close() {
        List<WorkerLink> links;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            registry.remove(REGISTER);
            links = new ArrayList<>(workers.values());
        }
        links.forEach(link -> link.drop("the head closed"));
    }

    private JsonNode register(JsonNode input, OperationEnv env) {
        String node = input.get("node").stringValue();
        if (!NODE.matcher(node).matches()) {
            throw refused("node name '" + node + "' must be 1-64 letters, digits, '_', '.' or '-' starting with a"
                    + " letter or digit");
        }
        List<OperationSpec> specs = new ArrayList<>();
        for (JsonNode operation : input.get("operations")) {
            specs.add(SpecJson.fromJson(operation, node));
        }
        SessionEngine session = ((Invocation) env).session();
        WorkerLink link = new WorkerLink(node, session, specs.stream().map(OperationSpec::path).toList(),
                heartbeatInterval, missedHeartbeats);
        synchronized (this) {
            checkAvailable(node, session);
            List<String> added = new ArrayList<>();
            try {
                for (OperationSpec spec : specs) {
                    String workerPath = spec.path().substring(node.length() + 1);
                    registry.register(spec, spec.type() == OperationType.SUBSCRIPTION
                            ? new RemoteSubscription(link, workerPath) : new RemoteCall(link, workerPath));
                    added.add(spec.path());
                }
            } catch (IllegalArgumentException e) {
                added.forEach(registry::remove);
                throw refused("registration of node " + node + " refused: " + e.getMessage());
            }
            workers.put(node, link);
        }
        session.onClosing(() -> unregister(link));
        link.startHeartbeat();
        ObjectNode result = FrameCodec.jsonMapper().createObjectNode();
        result.put("node", node);
        link.paths().forEach(result.putArray("operations")::add);
        return result;
    }

    /** Runs under the lock, before anything is added, so a refused registration leaves no trace. */
    private void checkAvailable(String node, SessionEngine session) {
        if (closed) {
            throw new CallException(ErrorCode.OPERATION_NOT_FOUND, "the head is closed", null, false);
        }
        if (!session.isOpen()) {
            throw new CallException(ErrorCode.ABORTED, "the worker's session closed while it registered");
        }
        if (workers.values().stream().anyMatch(link -> link.session() == session)) {
            throw refused("this session already registered node " + workers.values().stream()
                    .filter(link -> link.session() == session).findFirst().orElseThrow().node());
        }
        if (workers.containsKey(node)) {
            throw refused("node name '" + node + "' is taken by a connected worker; pick another name, or"
                    + " disconnect that worker first");
        }
        boolean usedByHead = RESERVED.contains(node) || registry.specs().stream()
                .anyMatch(spec -> spec.path().startsWith("/" + node + "/"));
        if (usedByHead) {
            throw refused("node name '" + node + "' is used by the head's own operations");
        }
    }

    private void unregister(WorkerLink link) {
        synchronized (this) {
            workers.remove(link.node(), link);
            link.paths().forEach(registry::remove);
        }
    }

    private static CallException refused(String message) {
        return new CallException(ErrorCode.VALIDATION_ERROR, message);
    }

    /** Configures a head; {@link #start()} installs {@link #REGISTER} in the registry. */
    public static final class Builder {
        private final OperationRegistry registry;
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private int missedHeartbeats = 3;
        private AccessControl registerAccess = AccessControl.allOf(WORKER_SCOPE);

        private Builder(OperationRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * How often each worker is asked for a sign of life, and how many unanswered beats in a row drop it (default
         * every 10 s, 3 misses).
         */
        public Builder heartbeat(Duration interval, int missed) {
            Durations.positive(interval, "heartbeat interval");
            if (missed < 1) {
                throw new IllegalArgumentException("missed heartbeats must be at least 1, got " + missed);
            }
            this.heartbeatInterval = interval;
            this.missedHeartbeats = missed;
            return this;
        }

        /** Who may register workers (default: identities with {@link #WORKER_SCOPE}). */
        public Builder registerAccess(AccessControl access) {
            this.registerAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the registry has {@link #REGISTER} already (another head)
         */
        public Head start() {
            Head head = new Head(this);
            registry.mutation(REGISTER, spec -> spec.access(registerAccess).inputSchema(FrameCodec.jsonMapper()
                    .readTree("""
                            {"type": "object", "required": ["node", "operations"], "properties": {
                             "node": {"type": "string"},
                             "operations": {"type": "array", "items": {"type": "object", "required": ["name",
                              "op_type"]}}}}""")), head::register);
            return head;
        }
    }
}
