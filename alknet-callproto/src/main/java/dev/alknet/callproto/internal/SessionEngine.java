package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallOptions;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameException;
import dev.alknet.core.frame.FrameReader;
import dev.alknet.core.transport.DuplexStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One call-protocol session over a byte stream: a reader thread that dispatches envelopes, an {@link Outbox} that
 * writes them, the calls this side made ({@link Pending}) and the calls the peer made ({@link InboundCall}).
 *
 * <p>Failure containment: a frame that cannot be decoded gets a {@code PROTOCOL_ERROR} (request id {@code ""}) and
 * ends this session only, since a byte stream has no resynchronisation point. A well-framed envelope with a bad
 * payload gets a {@code PROTOCOL_ERROR} for its request and the session goes on. Nothing escapes the read loop.
 */
public final class SessionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEngine.class);
    /** How long a session that hit a bad frame tries to deliver its PROTOCOL_ERROR before it closes anyway. */
    private static final long FLUSH_BEFORE_CLOSE_MILLIS = 2_000;
    private static final long DRAIN_POLL_MILLIS = 10;
    /**
     * How the close reason of a session ended by an undecodable frame starts; message transports (WebSocket) map it
     * to their own close code.
     */
    public static final String MALFORMED_FRAME = "malformed frame";

    private final SessionConfig config;
    private final DuplexStream stream;
    private final Dispatcher dispatcher;
    private final Outbox outbox;
    private final Thread reader;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, InboundCall> inbound = new ConcurrentHashMap<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Set by {@link #closeGracefully}: new calls are refused both ways while the running ones finish. */
    private volatile boolean draining;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile Function<String, Identity> parentCallers = parent -> null;
    private volatile boolean readerWaitsOnSubscriber;
    private final List<Runnable> closingHooks = new CopyOnWriteArrayList<>();

    /** Who a call runs as, and whether access control was already checked for it elsewhere. */
    record Caller(Identity identity, boolean trusted) {
    }

    public SessionEngine(DuplexStream stream, SessionConfig config) {
        this.stream = stream;
        this.config = config;
        this.dispatcher = new Dispatcher(config.table(), config.executor(), config.unknownToPeer()
                ? (requestId, operationId, input, options) -> call(requestId, operationId, input, options, null)
                : null);
        ThreadFactory threads = namedThreads(config.name());
        this.outbox = new Outbox(stream.output(), config.codec(), config.outboundWindow(), threads,
                e -> close("write failed: " + e.getMessage()));
        this.reader = threads.newThread(this::readLoop);
    }

    public void start() {
        outbox.start();
        reader.start();
    }

    public boolean isOpen() {
        return open.get();
    }

    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Why the session closed, or null while it is open. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Runs {@code hook} when the session starts closing, before its pending calls fail (at once when it has closed):
     * a head removes a lost worker's routes first, so a caller told of the loss finds them gone.
     */
    public void onClosing(Runnable hook) {
        closingHooks.add(hook);
        if (!open.get() && closingHooks.remove(hook)) {
            hook.run();
        }
    }

    /** Calls this side made that have not ended yet. */
    public int pendingCalls() {
        return pending.size();
    }

    /** Calls the peer made that are still running here. */
    public int runningCalls() {
        return inbound.size();
    }

    /** The authenticated identity of the peer. */
    public Identity peer() {
        return config.peer();
    }

    /**
     * Lets calls the peer makes inside a call this side forwarded to it run as that call's caller: a head passes the
     * identities of the calls in flight to a worker, keyed by request id. Returns null for other ids.
     */
    public void resolveParentCallersWith(Function<String, Identity> callers) {
        this.parentCallers = callers;
    }

    /**
     * True while the reader waits for a local subscriber to make room: then nothing the peer sends is read, which is
     * this side's doing, not the peer's.
     */
    public boolean readerWaitsOnSubscriber() {
        return readerWaitsOnSubscriber;
    }

    /**
     * Who a call from the peer runs as: the peer, except that a worker runs calls its head forwards as the caller the
     * head names (access already checked there), and a head runs calls a worker makes while serving a forwarded call
     * as that call's caller (access checked again, so a worker never gains rights by calling back).
     */
    Caller callerOf(Wire.Request request) {
        if (config.peerIsHead() && request.identity() != null) {
            Identity forwarded = IdentityJson.fromJson(request.identity()).orElse(null);
            if (forwarded != null) {
                return new Caller(forwarded, true);
            }
        }
        if (request.parentRequestId() != null) {
            Identity parentCaller = parentCallers.apply(request.parentRequestId());
            if (parentCaller != null) {
                return new Caller(parentCaller, false);
            }
        }
        return new Caller(config.peer(), false);
    }

    Outbox outbox() {
        return outbox;
    }

    void forgetInbound(InboundCall call) {
        inbound.remove(call.requestId(), call);
    }

    // ---- calls this side makes

    public CompletableFuture<JsonNode> call(String operationId, JsonNode input, CallOptions options) {
        return call(Dispatcher.newRequestId(), operationId, input, options, config.defaultTimeout());
    }

    /**
     * A call with a request id chosen by the caller (a head records it before the frame leaves).
     *
     * @param fallbackTimeout the wait when {@code options} names none; null for no limit (calls that end when their
     *     parent is aborted or the session closes)
     */
    public CompletableFuture<JsonNode> call(String requestId, String operationId, JsonNode input, CallOptions options,
            Duration fallbackTimeout) {
        return call(requestId, operationId, input, options, fallbackTimeout, null);
    }

    /**
     * @param forCaller the identity a head forwards for (sent as {@code identity}), or null
     */
    public CompletableFuture<JsonNode> call(String requestId, String operationId, JsonNode input, CallOptions options,
            Duration fallbackTimeout, Identity forCaller) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        if (draining) {
            future.completeExceptionally(closingError());
            return future;
        }
        long waitMillis = waitMillis(options, fallbackTimeout);
        if (waitMillis <= 0) {
            future.completeExceptionally(timeout(operationId, "its deadline had passed before it was sent"));
            return future;
        }
        PendingCall entry = new PendingCall(future, config.executor());
        ScheduledFuture<?> timer = register(requestId, entry, operationId, waitMillis);
        future.whenComplete((output, failure) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            // Cancelling the future is an abort: the handler should stop too.
            if (future.isCancelled() && pending.remove(requestId, entry)) {
                outbox.send(Wire.aborted(requestId), ignored -> { });
            }
        });
        send(requestId, entry, Wire.requested(requestId, operationId, input, options.parentRequestId(),
                options.deadlineEpochMillis(), forCaller));
        return future;
    }

    public StreamPublisher subscribe(String operationId, JsonNode input, CallOptions options) {
        return subscribe(Dispatcher.newRequestId(), operationId, input, options, null);
    }

    /**
     * @param forCaller the identity a head forwards for (sent as {@code identity}), or null
     */
    public StreamPublisher subscribe(String requestId, String operationId, JsonNode input, CallOptions options,
            Identity forCaller) {
        return new StreamPublisher(config.subscriptionBuffer(), config.executor(), new StreamPublisher.Upstream() {
            @Override
            public void start(StreamPublisher publisher) {
                if (draining) {
                    publisher.fail(closingError());
                    return;
                }
                long waitMillis = waitMillis(options, null);
                if (waitMillis <= 0) {
                    publisher.fail(timeout(operationId, "its deadline had passed before it was sent"));
                    return;
                }
                register(requestId, publisher, operationId, waitMillis);
                send(requestId, publisher, Wire.requested(requestId, operationId, input, options.parentRequestId(),
                        options.deadlineEpochMillis(), forCaller));
            }

            @Override
            public void cancel(StreamPublisher publisher) {
                if (pending.remove(requestId, publisher)) {
                    outbox.send(Wire.aborted(requestId), ignored -> { });
                }
            }
        });
    }

    /**
     * Adds a pending entry with its timer (null for no limit); when the session closed meanwhile, the entry fails at
     * once (close may have swept the map before the entry was in it).
     */
    private ScheduledFuture<?> register(String requestId, Pending entry, String operationId, long waitMillis) {
        pending.put(requestId, entry);
        ScheduledFuture<?> timer = waitMillis == Long.MAX_VALUE ? null : Timers.schedule(() -> {
            if (pending.remove(requestId, entry)) {
                entry.fail(timeout(operationId, "no result within " + Duration.ofMillis(waitMillis)));
                outbox.send(Wire.aborted(requestId), ignored -> { });
            }
        }, waitMillis);
        if (!open.get() && pending.remove(requestId, entry)) {
            entry.fail(closedError());
        }
        return timer;
    }

    private void send(String requestId, Pending entry, EventEnvelope request) {
        outbox.send(request, oversize -> {
            if (pending.remove(requestId, entry)) {
                entry.fail(new CallException(ErrorCode.VALIDATION_ERROR, "the request does not fit in a frame: "
                        + oversize.getMessage()));
            }
        });
    }

    /** Milliseconds to wait: the timeout (or {@code fallback}), capped by the deadline; MAX_VALUE for no limit. */
    private static long waitMillis(CallOptions options, Duration fallback) {
        Duration timeout = options.timeout() != null ? options.timeout() : fallback;
        long wait = timeout == null ? Long.MAX_VALUE : timeout.toMillis();
        if (options.deadlineEpochMillis() != null) {
            wait = Math.min(wait, options.deadlineEpochMillis() - System.currentTimeMillis());
        }
        return wait;
    }

    private static CallException timeout(String operationId, String why) {
        return new CallException(ErrorCode.TIMEOUT, operationId + " timed out: " + why, null, true);
    }

    private static CallException closingError() {
        return new CallException(ErrorCode.UNKNOWN_ERROR, "the session is closing; call again on another", null,
                true);
    }

    private CallException closedError() {
        return new CallException(ErrorCode.ABORTED, "session closed: " + closeReason, null, true);
    }

    // ---- reading

    private void readLoop() {
        String reason = "the peer ended the session";
        try (FrameReader frames = new FrameReader(stream.input(), config.codec())) {
            for (EventEnvelope envelope = frames.read(); envelope != null; envelope = frames.read()) {
                dispatch(envelope);
            }
        } catch (FrameException e) {
            LOG.warn("session {}: malformed frame ({}), closing the session", config.name(), e.kind());
            String why = MALFORMED_FRAME + ": " + e.getMessage();
            outbox.send(Wire.error("", new CallException(ErrorCode.PROTOCOL_ERROR, why)), ignored -> { });
            outbox.afterQueued(() -> close(why));
            Timers.schedule(() -> close(why), FLUSH_BEFORE_CLOSE_MILLIS);
            return;
        } catch (IOException e) {
            reason = open.get() ? "read failed: " + e.getMessage() : closeReason;
        } catch (InterruptedException e) {
            reason = "interrupted";
        }
        close(reason);
    }

    private void dispatch(EventEnvelope envelope) throws InterruptedException {
        try {
            switch (envelope.type()) {
                case Wire.REQUESTED -> onRequest(envelope);
                case Wire.RESPONDED, Wire.COMPLETED, Wire.ERROR -> onReply(envelope);
                case Wire.ABORTED -> onAbort(envelope);
                // Other event types (pubsub control, newer protocol versions) are not ours to answer.
                default -> LOG.debug("session {}: ignoring an event of another type", config.name());
            }
        } catch (RuntimeException e) {
            // A bug here must not end the session for everyone else's calls.
            LOG.error("session {}: failed to dispatch a {} event", config.name(), envelope.type(), e);
        }
    }

    private void onRequest(EventEnvelope envelope) {
        Wire.Request request;
        try {
            request = Wire.parseRequest(envelope);
        } catch (ProtocolViolation v) {
            protocolError(v.requestId() == null ? "" : v.requestId(), v.getMessage());
            return;
        }
        InboundCall call = new InboundCall(this, dispatcher, request);
        if (inbound.putIfAbsent(request.requestId(), call) != null) {
            protocolError(request.requestId(), "requestId is already in use by a running call");
            return;
        }
        call.observeRequested(dispatcher);
        if (!open.get()) {
            call.sessionClosed(closeReason);
            return;
        }
        if (draining) {
            call.failed(closingError());
            return;
        }
        if (!call.armDeadline(System.currentTimeMillis())) {
            return;
        }
        try {
            config.executor().execute(() -> call.run(dispatcher));
        } catch (RejectedExecutionException e) {
            call.failed(new CallException(ErrorCode.UNKNOWN_ERROR, "the node is shutting down", null, true));
        }
    }

    private void onReply(EventEnvelope envelope) throws InterruptedException {
        String requestId = Wire.requestIdOf(envelope);
        Pending entry = requestId == null ? null : pending.get(requestId);
        if (entry == null) {
            // Late (after a timeout or abort) or unknown: nobody waits for it.
            return;
        }
        switch (envelope.type()) {
            case Wire.RESPONDED -> {
                if (entry instanceof PendingCall) {
                    if (pending.remove(requestId, entry)) {
                        entry.deliver(Wire.outputOf(envelope.payload()));
                    }
                } else {
                    readerWaitsOnSubscriber = true;
                    try {
                        entry.deliver(Wire.outputOf(envelope.payload()));
                    } finally {
                        readerWaitsOnSubscriber = false;
                    }
                }
            }
            case Wire.COMPLETED -> {
                if (pending.remove(requestId, entry)) {
                    entry.complete();
                }
            }
            default -> {
                if (pending.remove(requestId, entry)) {
                    entry.fail(Wire.parseError(envelope.payload()));
                }
            }
        }
    }

    private void onAbort(EventEnvelope envelope) {
        String requestId = Wire.requestIdOf(envelope);
        if (requestId == null) {
            return;
        }
        InboundCall call = inbound.get(requestId);
        if (call != null) {
            call.abortedByCaller();
            return;
        }
        Pending entry = pending.remove(requestId);
        if (entry != null) {
            entry.fail(new CallException(ErrorCode.ABORTED, "the peer aborted the call"));
        }
        // Unknown ids are ignored: the call may have ended just before the abort crossed it.
    }

    private void protocolError(String requestId, String message) {
        LOG.debug("session {}: protocol error: {}", config.name(), message);
        outbox.send(Wire.error(requestId, new CallException(ErrorCode.PROTOCOL_ERROR, message)), ignored -> { });
    }

    // ---- closing

    /**
     * Closes once the calls running in either direction finished, or {@code drain} passed: new calls are refused at
     * once (retryable {@code UNKNOWN_ERROR}), running ones go on, and every frame queued by then is written before
     * the stream closes. Calls still running when the drain ends fail as on {@link #close}.
     */
    public CompletableFuture<Void> closeGracefully(Duration drain) {
        draining = true;
        long until = System.nanoTime() + drain.toNanos();
        awaitIdle(until);
        return closed;
    }

    // Polls: calls end on many threads and paths, and a few milliseconds of latency do not matter when closing.
    private void awaitIdle(long until) {
        if (!open.get()) {
            return;
        }
        if ((!inbound.isEmpty() || !pending.isEmpty()) && System.nanoTime() - until < 0) {
            Timers.schedule(() -> awaitIdle(until), DRAIN_POLL_MILLIS);
            return;
        }
        String why = inbound.isEmpty() && pending.isEmpty() ? "closed gracefully by this side"
                : "closed by this side after the drain time";
        outbox.afterQueued(() -> close(why));
        Timers.schedule(() -> close(why), FLUSH_BEFORE_CLOSE_MILLIS);
    }

    /** Closes the session: fails this side's calls, cancels the peer's, closes the stream. Idempotent. */
    public void close(String reason) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        closeReason = reason;
        LOG.debug("session {} closed: {}", config.name(), reason);
        for (Runnable hook : closingHooks) {
            if (closingHooks.remove(hook)) {
                hook.run();
            }
        }
        inbound.values().forEach(call -> call.sessionClosed(reason));
        CallException error = closedError();
        pending.keySet().forEach(requestId -> {
            Pending entry = pending.remove(requestId);
            if (entry != null) {
                entry.fail(error);
            }
        });
        outbox.close();
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("session {}: closing the stream failed", config.name(), e);
        }
        if (config.ownsExecutor()) {
            config.executor().shutdown();
        }
        closed.complete(null);
    }

    private static ThreadFactory namedThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "alknet-callproto-" + name + "-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
