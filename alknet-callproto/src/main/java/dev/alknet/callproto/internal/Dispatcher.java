package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallHandler;
import dev.alknet.callproto.CallObserver;
import dev.alknet.callproto.CallOptions;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.PathAccess;
import dev.alknet.callproto.SubscriptionHandler;
import dev.alknet.callproto.SubscriptionSink;
import dev.alknet.core.Identity;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Local dispatch, shared by calls arriving on a session and nested calls through {@link Invocation#invoke}: lookup,
 * access control, input validation, then the handler with its exceptions mapped to error codes.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Where nested calls to operations this node lacks go: a worker's head. */
    @FunctionalInterface
    public interface Remote {
        CompletableFuture<JsonNode> call(String requestId, String operationId, JsonNode input,
                CallOptions options);
    }

    private final RegistryTable table;
    private final Executor executor;
    private final Remote remote;

    /**
     * @param remote where nested calls to unknown operations go, or null to answer them OPERATION_NOT_FOUND
     */
    public Dispatcher(RegistryTable table, Executor executor, Remote remote) {
        this.table = Objects.requireNonNull(table, "table");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.remote = remote;
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Checks that a call may run.
     *
     * @param trusted skip access control (nested calls; the outer call was checked)
     * @throws CallException OPERATION_NOT_FOUND, ACCESS_DENIED or VALIDATION_ERROR
     */
    public CallObserver observer() {
        return table.observer();
    }

    /** Reports a call to the observer, with its operation's type when there is such an operation. */
    void observeRequest(String requestId, String operationId, JsonNode input, String parentRequestId,
            Identity caller) {
        CallObserver observer = table.observer();
        if (observer != CallObserver.NONE) {
            observer.requested(requestId, operationId, input, parentRequestId, caller,
                    table.lookup(operationId).map(e -> e.spec().type()).orElse(null));
        }
    }

    public RegistryTable.Entry admit(String operationId, Identity identity, boolean trusted, JsonNode input) {
        RegistryTable.Entry entry = table.lookup(operationId).orElse(null);
        if (entry == null || entry.handler() == null) {
            throw new CallException(ErrorCode.OPERATION_NOT_FOUND, "operation not found: " + operationId);
        }
        PathAccess paths = table.pathAccess();
        if (!trusted && !(entry.spec().access().allows(identity) && paths.allows(operationId, identity))) {
            throw new CallException(ErrorCode.ACCESS_DENIED, identity.isAnonymous()
                    && (entry.spec().access().hasRestrictions() || paths.restricts(operationId))
                    ? "authentication required for " + operationId
                    : "access denied to " + operationId);
        }
        entry.input().check(input);
        return entry;
    }

    /**
     * Runs an admitted handler on the current thread and reports through {@code outcome}, unless the call is
     * cancelled: then whoever cancelled it has reported already and the handler's result is dropped.
     *
     * @param sink the sink of a subscription; unused for queries and mutations
     */
    public static void run(Invocation invocation, RegistryTable.Entry entry, JsonNode input, SubscriptionSink sink,
            Outcome outcome) {
        if (!invocation.enter()) {
            return;
        }
        try {
            if (entry.handler() instanceof CallHandler handler) {
                JsonNode output = handler.handle(input, invocation);
                if (!invocation.isCancelled()) {
                    outcome.responded(output);
                }
            } else {
                ((SubscriptionHandler) entry.handler()).handle(input, invocation, sink);
                if (!invocation.isCancelled()) {
                    outcome.completed();
                }
            }
        } catch (Exception e) {
            if (!invocation.isCancelled()) {
                outcome.failed(toCallException(invocation.operationId(), e));
            }
        } catch (Error e) {
            // Report before rethrowing so the caller is not left waiting for its timeout.
            outcome.failed(toCallException(invocation.operationId(), new RuntimeException(e.toString())));
            throw e;
        } finally {
            invocation.exit();
        }
    }

    /**
     * Runs a query or mutation as a trusted child of {@code parent}: locally, or at the peer when this node lacks it
     * and has a {@link Remote}. The remote call carries the parent's request id; the peer (a head) knows the caller
     * from it, so no identity is sent.
     */
    CompletableFuture<JsonNode> invokeNested(Invocation parent, String operationId, JsonNode input) {
        if (remote != null && table.lookup(operationId).isEmpty()) {
            return invokeRemote(parent, operationId, input);
        }
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        CallObserver observer = table.observer();
        String childId = newRequestId();
        // One end per call, reported before the future completes so the observer sees a child end before its parent.
        AtomicBoolean ended = new AtomicBoolean();
        observeRequest(childId, operationId, input, parent.requestId(), parent.identity());
        Invocation child = new Invocation(parent.session(), this, childId, operationId, parent.identity(),
                parent.requestId(), parent.deadlineMillis(), true, reason -> {
                    if (ended.compareAndSet(false, true)) {
                        observer.aborted(childId);
                        result.completeExceptionally(reason);
                    }
                });
        if (!parent.adopt(child)) {
            child.cancel(new CallException(ErrorCode.ABORTED, "call " + parent.requestId() + " is already cancelled"));
            return result;
        }
        result.whenComplete((output, failure) -> {
            parent.release(child);
            if (result.isCancelled()) {
                if (ended.compareAndSet(false, true)) {
                    observer.aborted(childId);
                }
                child.cancel(new CallException(ErrorCode.ABORTED, "cancelled by its caller"));
            }
        });
        Outcome outcome = new Outcome() {
            @Override
            public void responded(JsonNode output) {
                if (ended.compareAndSet(false, true)) {
                    observer.responded(childId, output);
                    result.complete(output);
                }
            }

            @Override
            public void completed() {
                failed(new CallException(ErrorCode.EXECUTION_ERROR, operationId + " completed without a result"));
            }

            @Override
            public void failed(CallException error) {
                if (ended.compareAndSet(false, true)) {
                    observer.failed(childId, error);
                    result.completeExceptionally(error);
                }
            }
        };
        try {
            executor.execute(() -> {
                try {
                    RegistryTable.Entry entry = admit(operationId, child.identity(), true, input);
                    if (!(entry.handler() instanceof CallHandler)) {
                        throw new CallException(ErrorCode.EXECUTION_ERROR, operationId
                                + " is a subscription; OperationEnv.invoke runs queries and mutations");
                    }
                    observer.started(childId);
                    run(child, entry, input, null, outcome);
                } catch (CallException e) {
                    outcome.failed(e);
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.failed(new CallException(ErrorCode.UNKNOWN_ERROR, "the node is shutting down", null, true));
        }
        return result;
    }

    private CompletableFuture<JsonNode> invokeRemote(Invocation parent, String operationId, JsonNode input) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        String requestId = newRequestId();
        // The child only carries the cancellation: aborting the parent ends the remote call, which sends call.aborted.
        Invocation child = new Invocation(parent.session(), this, requestId, operationId, parent.identity(),
                parent.requestId(), parent.deadlineMillis(), true, result::completeExceptionally);
        if (!parent.adopt(child)) {
            return CompletableFuture.failedFuture(new CallException(ErrorCode.ABORTED, "call " + parent.requestId()
                    + " is already cancelled"));
        }
        CompletableFuture<JsonNode> call = remote.call(requestId, operationId, input, parent.childOptions());
        call.whenComplete((output, failure) -> {
            parent.release(child);
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(output);
            }
        });
        result.whenComplete((output, failure) -> {
            if (failure != null) {
                call.cancel(false);
            }
        });
        return result;
    }

    private static CallException toCallException(String operationId, Exception e) {
        if (e instanceof CallException callException) {
            return callException;
        }
        // The stack trace stays here (at debug: handler messages are the handler's business, not the log's).
        LOG.debug("handler of {} failed", operationId, e);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new CallException(ErrorCode.EXECUTION_ERROR, message);
    }
}
