package dev.alknet.callproto;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.callproto.internal.Json;
import dev.alknet.callproto.internal.SessionConfig;
import dev.alknet.callproto.internal.SessionEngine;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.transport.DuplexStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The call protocol between this node and one peer, over any connected byte stream: in-memory, raw framing on
 * TCP/TLS, or an SSH channel. Both sides are equal: each calls the operations of the other's registry.
 *
 * <pre>{@code
 * try (CallSession session = CallSession.builder(stream, authenticatedPeer).registry(registry).start()) {
 *     JsonNode sum = session.call("/worker/math/add", input).get();
 *     session.subscribe("/worker/logs/tail", input).subscribe(subscriber);
 * }
 * }</pre>
 *
 * <p>The peer's {@link Identity} is what the interface layer authenticated (an SSH key, a token); it is what access
 * control checks, and nothing in a payload can change it.
 *
 * <p>Threads: one reader and one writer per session; handlers, subscriber signals and the completion of returned
 * futures run on the session's executor. Closing fails this side's pending calls with {@link ErrorCode#ABORTED}
 * and cancels the handlers of the peer's calls.
 */
public final class CallSession implements AutoCloseable {

    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final SessionEngine engine;
    private final Identity peer;

    private CallSession(SessionEngine engine, Identity peer) {
        this.engine = engine;
        this.peer = peer;
    }

    /**
     * @param stream the connected stream; the session owns it and closes it
     * @param peer the authenticated identity of the other side ({@link Identity#anonymous()} when there was no
     *     authentication, so only unrestricted operations can be called)
     */
    public static Builder builder(DuplexStream stream, Identity peer) {
        return new Builder(stream, peer);
    }

    /** The authenticated identity of the other side. */
    public Identity peer() {
        return peer;
    }

    /**
     * Calls a query or mutation of the peer with the default timeout.
     *
     * @throws IllegalArgumentException when {@code operationId} is not a valid operation path
     */
    public CompletableFuture<JsonNode> call(String operationId, JsonNode input) {
        return call(operationId, input, CallOptions.defaults());
    }

    /**
     * Calls a query or mutation of the peer.
     *
     * @return the output; fails with {@link CallException}. Cancelling the future sends {@code call.aborted}
     */
    public CompletableFuture<JsonNode> call(String operationId, JsonNode input, CallOptions options) {
        return engine.call(OperationSpec.checkPath(operationId), input, Objects.requireNonNull(options, "options"));
    }

    /** A typed call: the input converted to JSON, the output from JSON, with the shared Jackson mapper. */
    public <T> CompletableFuture<T> call(String operationId, Object input, Class<T> outputType) {
        return call(operationId, input, outputType, CallOptions.defaults());
    }

    public <T> CompletableFuture<T> call(String operationId, Object input, Class<T> outputType, CallOptions options) {
        return Json.typed(operationId, input, outputType, tree -> call(operationId, tree, options));
    }

    /** Subscribes to a subscription of the peer, without a time limit. */
    public Flow.Publisher<JsonNode> subscribe(String operationId, JsonNode input) {
        return subscribe(operationId, input, CallOptions.defaults());
    }

    /**
     * Subscribes to a subscription of the peer. The request is sent when a subscriber subscribes (one subscriber
     * per publisher); cancelling the subscription sends {@code call.aborted}. A subscriber that requests slowly
     * holds back the handler, and while its buffer is full this session reads nothing else (see "Subscriptions and
     * back-pressure" in {@code docs/call-protocol.md}).
     */
    public Flow.Publisher<JsonNode> subscribe(String operationId, JsonNode input, CallOptions options) {
        return engine.subscribe(OperationSpec.checkPath(operationId), input, Objects.requireNonNull(options,
                "options"));
    }

    SessionEngine engine() {
        return engine;
    }

    public boolean isOpen() {
        return engine.isOpen();
    }

    /** Completes when the session has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return engine.closedFuture();
    }

    /** Why the session closed (e.g. the peer ended it, a malformed frame), or null while it is open. */
    public String closeReason() {
        return engine.closeReason();
    }

    /**
     * Closes without cutting calls short: new calls are refused at once in both directions (a retryable
     * {@code UNKNOWN_ERROR}), the running ones may finish for up to {@code drain}, and everything queued is written
     * before the stream closes. Calls still running after {@code drain} fail as with {@link #close()}.
     *
     * @return completes when the session has closed
     */
    public CompletableFuture<Void> closeGracefully(Duration drain) {
        return engine.closeGracefully(Durations.positive(drain, "drain"));
    }

    /** Closes at once: frames not yet written are dropped, pending calls fail with ABORTED. Idempotent. */
    @Override
    public void close() {
        engine.close("closed by this side");
    }

    /** Configures a session; {@link #start()} starts its threads. */
    public static final class Builder {
        private final DuplexStream stream;
        private final Identity peer;
        private OperationRegistry registry;
        private ExecutorService executor;
        private FrameCodec codec = FrameCodec.defaults();
        private Duration defaultTimeout = Duration.ofSeconds(30);
        private int subscriptionBuffer = 64;
        private int outboundWindow = 64;
        private String name;
        private boolean peerIsHead;
        private boolean unknownToHead;

        private Builder(DuplexStream stream, Identity peer) {
            this.stream = Objects.requireNonNull(stream, "stream");
            this.peer = Objects.requireNonNull(peer, "peer");
        }

        /** The operations the peer may call; by default a registry with only the discovery operations. */
        public Builder registry(OperationRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Runs handlers, subscriber signals and future completions; the session does not shut it down. It must not
         * run tasks on the submitting thread, and should not be a small fixed pool: handlers may block (waiting on
         * nested calls, on a slow consumer) while their completions need a thread. By default each session has its
         * own cached pool of daemon threads, shut down on close.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The frame limit (default 16 MiB). */
        public Builder codec(FrameCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** How long a call waits when its options name no timeout (default 30 s). */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = Durations.positive(timeout, "default timeout");
            return this;
        }

        /**
         * Items each subscription of this side buffers before the session stops reading (default 64).
         */
        public Builder subscriptionBuffer(int items) {
            this.subscriptionBuffer = positive(items, "subscription buffer");
            return this;
        }

        /** Subscription items this side's handlers may have queued but unwritten (default 64). */
        public Builder outboundWindow(int items) {
            this.outboundWindow = positive(items, "outbound window");
            return this;
        }

        /** A name for thread names and log lines (default {@code s1}, {@code s2}, ...). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Makes the peer this worker's head (set by {@link Worker}, never for arbitrary peers): calls it forwards run
         * as the caller it names, and with {@code unknownToHead} nested calls to operations this node lacks go to it.
         */
        Builder peerIsHead(boolean unknownToHead) {
            this.peerIsHead = true;
            this.unknownToHead = unknownToHead;
            return this;
        }

        public CallSession start() {
            String sessionName = name != null ? name : "s" + SESSIONS.incrementAndGet();
            boolean ownsExecutor = executor == null;
            ExecutorService handlers = ownsExecutor ? defaultExecutor(sessionName) : executor;
            OperationRegistry operations = registry != null ? registry : OperationRegistry.create();
            SessionEngine engine = new SessionEngine(stream, new SessionConfig(sessionName, peer, operations.table(),
                    handlers, ownsExecutor, codec, defaultTimeout, subscriptionBuffer, outboundWindow, peerIsHead,
                    peerIsHead && unknownToHead));
            engine.start();
            return new CallSession(engine, peer);
        }

        private static ExecutorService defaultExecutor(String sessionName) {
            AtomicInteger count = new AtomicInteger();
            return Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "alknet-callproto-" + sessionName + "-worker-"
                        + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        private static int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
