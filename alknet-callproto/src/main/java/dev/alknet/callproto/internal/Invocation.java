package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallOptions;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationEnv;
import dev.alknet.core.Identity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One running handler: its {@link OperationEnv}, its cancellation and the nested calls it started. Cancelling
 * interrupts the handler's thread while (and only while) the handler runs, and cancels the nested calls.
 */
public final class Invocation implements OperationEnv {

    private final SessionEngine session;
    private final Dispatcher dispatcher;
    private final String requestId;
    private final String operationId;
    private final Identity identity;
    private final String parentRequestId;
    /** Epoch milliseconds, or null. */
    private final Long deadline;
    private final boolean trusted;
    private final Consumer<CallException> onCancel;
    private final Set<Invocation> children = ConcurrentHashMap.newKeySet();
    private volatile CallException cancelReason;
    private Thread runner;

    /**
     * @param onCancel told the reason once, on the cancelling thread
     */
    public Invocation(SessionEngine session, Dispatcher dispatcher, String requestId, String operationId, Identity identity,
            String parentRequestId, Long deadline, boolean trusted, Consumer<CallException> onCancel) {
        this.session = session;
        this.dispatcher = dispatcher;
        this.requestId = requestId;
        this.operationId = operationId;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.parentRequestId = parentRequestId;
        this.deadline = deadline;
        this.trusted = trusted;
        this.onCancel = onCancel;
    }

    /** Cancels this call and its nested calls; false when it was already cancelled. */
    public boolean cancel(CallException reason) {
        synchronized (this) {
            if (cancelReason != null) {
                return false;
            }
            cancelReason = reason;
            if (runner != null) {
                runner.interrupt();
            }
        }
        onCancel.accept(reason);
        CallException cascade = new CallException(ErrorCode.ABORTED, "parent call " + requestId + " was cancelled: "
                + reason.getMessage());
        children.forEach(child -> child.cancel(cascade));
        return true;
    }

    /** Marks the current thread as running the handler; false when the call was cancelled before it started. */
    boolean enter() {
        synchronized (this) {
            if (cancelReason != null) {
                return false;
            }
            runner = Thread.currentThread();
            return true;
        }
    }

    /** Ends the handler's hold on the current (pooled) thread, clearing an interrupt meant for the handler. */
    void exit() {
        synchronized (this) {
            runner = null;
        }
        Thread.interrupted();
    }

    /** Registers a nested call; false (and nothing registered) when this call is already cancelled. */
    boolean adopt(Invocation child) {
        children.add(child);
        if (isCancelled()) {
            children.remove(child);
            return false;
        }
        return true;
    }

    void release(Invocation child) {
        children.remove(child);
    }

    /** The session the call (or its outermost parent) arrived on. */
    public SessionEngine session() {
        return session;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public Optional<String> parentRequestId() {
        return Optional.ofNullable(parentRequestId);
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline).map(Instant::ofEpochMilli);
    }

    /** The deadline in epoch milliseconds, or null: what nested and forwarded calls inherit. */
    Long deadlineMillis() {
        return deadline;
    }

    /** Options for a call made on behalf of this one: this call as the parent, and its deadline. */
    public CallOptions childOptions() {
        CallOptions options = CallOptions.defaults().withParentRequestId(requestId);
        return deadline == null ? options : options.withDeadline(Instant.ofEpochMilli(deadline));
    }

    @Override
    public String operationId() {
        return operationId;
    }

    @Override
    public boolean trusted() {
        return trusted;
    }

    @Override
    public boolean isCancelled() {
        return cancelReason != null;
    }

    @Override
    public CompletableFuture<JsonNode> invoke(String operationId, JsonNode input) {
        return dispatcher.invokeNested(this, operationId, input);
    }

    @Override
    public <T> CompletableFuture<T> invoke(String operationId, Object input, Class<T> outputType) {
        return Json.typed(operationId, input, outputType, tree -> invoke(operationId, tree));
    }

    @Override
    public String toString() {
        return "Invocation[" + operationId + " " + requestId + "]";
    }
}
