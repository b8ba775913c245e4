package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallOptions;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationEnv;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The head's side of one registered worker: its session, the routes it owns, the calls in flight to it (so calls the
 * worker makes back while serving one run as that call's caller) and its heartbeat.
 */
public final class WorkerLink {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLink.class);
    private static final String HEARTBEAT_OPERATION = Discovery.LIST;

    private final String node;
    private final SessionEngine session;
    private final List<String> paths;
    private final ConcurrentHashMap<String, Identity> inFlight = new ConcurrentHashMap<>();
    private final Duration heartbeatInterval;
    private final int missedLimit;
    private int missed;
    private volatile ScheduledFuture<?> nextBeat;

    /**
     * @param paths the head-side paths ({@code /{node}/svc/op}) this worker's operations are exposed under
     */
    public WorkerLink(String node, SessionEngine session, List<String> paths, Duration heartbeatInterval,
            int missedLimit) {
        this.node = node;
        this.session = session;
        this.paths = List.copyOf(paths);
        this.heartbeatInterval = heartbeatInterval;
        this.missedLimit = missedLimit;
        session.resolveParentCallersWith(inFlight::get);
    }

    public String node() {
        return node;
    }

    public SessionEngine session() {
        return session;
    }

    public List<String> paths() {
        return paths;
    }

    /**
     * Forwards a query or mutation as a nested call of {@code env}'s call: parent = its request id, the caller's
     * identity in the frame. No local timeout: the caller's abort, timeout or deadline cancels the head's handler,
     * which cancels this call.
     */
    CompletableFuture<JsonNode> call(String workerPath, JsonNode input, OperationEnv env) {
        requireOpen(env);
        String requestId = Dispatcher.newRequestId();
        inFlight.put(requestId, env.identity());
        CompletableFuture<JsonNode> result = session.call(requestId, workerPath, input, childOptions(env), null,
                env.identity());
        result.whenComplete((output, failure) -> inFlight.remove(requestId));
        return result;
    }

    /** Forwards a subscription; {@link #forget} the request id when it ends. */
    StreamPublisher subscribe(String requestId, String workerPath, JsonNode input, OperationEnv env) {
        requireOpen(env);
        inFlight.put(requestId, env.identity());
        return session.subscribe(requestId, workerPath, input, childOptions(env), env.identity());
    }

    /** The caller's call is the parent, and its deadline (if any) goes on to the worker. */
    private static CallOptions childOptions(OperationEnv env) {
        CallOptions options = CallOptions.defaults().withParentRequestId(env.requestId());
        return env.deadline().map(options::withDeadline).orElse(options);
    }

    /** A call that found the route just before the worker's loss removed it sees what a later one would. */
    private void requireOpen(OperationEnv env) {
        if (!session.isOpen()) {
            throw new CallException(ErrorCode.OPERATION_NOT_FOUND, "operation not found: " + env.operationId()
                    + " (worker " + node + " disconnected)");
        }
    }

    void forget(String requestId) {
        inFlight.remove(requestId);
    }

    /** What the caller sees when a forwarded call fails: a lost worker is named as such. */
    CallException explain(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!session.isOpen()) {
            return new CallException(ErrorCode.ABORTED, "worker " + node + " disconnected: " + session.closeReason(),
                    null, true);
        }
        if (cause instanceof CallException callException) {
            return callException;
        }
        return new CallException(ErrorCode.UNKNOWN_ERROR, "forwarding to worker " + node + " failed: " + cause);
    }

    /** Starts the heartbeat: a {@code /services/list} call every interval, answered within the interval. */
    public void startHeartbeat() {
        schedule(heartbeatInterval.toMillis());
    }

    /** Ends the link: closes the session, which fails the calls in flight to it. */
    public void drop(String reason) {
        ScheduledFuture<?> beat = nextBeat;
        if (beat != null) {
            beat.cancel(false);
        }
        session.close(reason);
    }

    private void schedule(long delayMillis) {
        if (session.isOpen()) {
            nextBeat = Timers.schedule(this::beat, delayMillis);
        }
    }

    private void beat() {
        session.call(Dispatcher.newRequestId(), HEARTBEAT_OPERATION, FrameCodec.jsonMapper().createObjectNode(),
                CallOptions.timeout(heartbeatInterval), null).whenComplete((output, failure) -> {
                    // Any answer, an error included, shows the worker reads and writes. A timeout while this side's
                    // reader waits on a slow local subscriber is not the worker's fault.
                    boolean lost = failure instanceof CallException e && e.code() == ErrorCode.TIMEOUT
                            && !session.readerWaitsOnSubscriber();
                    if (lost) {
                        onMissed();
                    } else {
                        missedReset();
                    }
                });
    }

    private synchronized void missedReset() {
        missed = 0;
        schedule(heartbeatInterval.toMillis());
    }

    private synchronized void onMissed() {
        missed++;
        if (missed >= missedLimit) {
            LOG.info("worker {} missed {} heartbeats, dropping it", node, missed);
            drop("worker " + node + " missed " + missed + " heartbeats of " + heartbeatInterval);
            return;
        }
        // The wait that just ended was the interval; beat again at once.
        schedule(0);
    }
}
