package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallObserver;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.SubscriptionSink;
import dev.alknet.core.frame.EventEnvelope;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * A call the peer made to this side: runs the handler and sends exactly one terminal frame (response, completion or
 * error), or none when the caller aborted or the session closed.
 */
final class InboundCall implements Outcome, SubscriptionSink {

    private final SessionEngine session;
    private final Wire.Request request;
    private final Invocation invocation;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CallObserver observer;
    private volatile ScheduledFuture<?> deadlineTimer;

    InboundCall(SessionEngine session, Dispatcher dispatcher, Wire.Request request) {
        this.session = session;
        this.request = request;
        SessionEngine.Caller caller = session.callerOf(request);
        this.invocation = new Invocation(session, dispatcher, request.requestId(), request.operationId(),
                caller.identity(), request.parentRequestId(), request.deadline(), caller.trusted(), reason -> { });
        this.observer = dispatcher.observer();
    }

    /** Tells the observer about the call, once the session took it (its request id is not a duplicate). */
    void observeRequested(Dispatcher dispatcher) {
        dispatcher.observeRequest(request.requestId(), request.operationId(), request.input(),
                request.parentRequestId(), invocation.identity());
    }

    String requestId() {
        return request.requestId();
    }

    /** Arms the deadline; false (and TIMEOUT sent) when it has already passed. */
    boolean armDeadline(long nowMillis) {
        if (request.deadline() == null) {
            return true;
        }
        long remaining = request.deadline() - nowMillis;
        if (remaining <= 0) {
            failed(new CallException(ErrorCode.TIMEOUT, "deadline of " + request.operationId()
                    + " passed before the call started"));
            return false;
        }
        deadlineTimer = Timers.schedule(() -> {
            CallException late = new CallException(ErrorCode.TIMEOUT, "deadline of " + request.operationId()
                    + " passed");
            if (end(Wire.error(requestId(), late))) {
                observer.failed(requestId(), late);
                invocation.cancel(new CallException(ErrorCode.TIMEOUT, "deadline passed"));
            }
        }, remaining);
        return true;
    }

    /** Runs on the executor. */
    void run(Dispatcher dispatcher) {
        RegistryTable.Entry entry;
        try {
            entry = dispatcher.admit(request.operationId(), invocation.identity(), invocation.trusted(),
                    request.input());
        } catch (CallException e) {
            failed(e);
            return;
        }
        observer.started(requestId());
        Dispatcher.run(invocation, entry, request.input(), this, this);
    }

    /** The caller sent {@code call.aborted}: stop without replying. */
    void abortedByCaller() {
        if (end(null)) {
            observer.aborted(requestId());
            invocation.cancel(new CallException(ErrorCode.ABORTED, "aborted by the caller"));
        }
    }

    void sessionClosed(String reason) {
        if (end(null)) {
            observer.aborted(requestId());
            invocation.cancel(new CallException(ErrorCode.ABORTED, "session closed: " + reason));
        }
    }

    @Override
    public void responded(JsonNode output) {
        if (end(Wire.responded(requestId(), output))) {
            observer.responded(requestId(), output);
        }
    }

    @Override
    public void completed() {
        if (end(Wire.completed(requestId()))) {
            observer.completed(requestId());
        }
    }

    @Override
    public void failed(CallException error) {
        if (end(Wire.error(requestId(), error))) {
            observer.failed(requestId(), error);
        }
    }

    @Override
    public void emit(Object item) throws InterruptedException {
        if (ended.get()) {
            throw new CancellationException(request.operationId() + " " + requestId() + " is no longer running");
        }
        JsonNode tree = Json.toTree(item);
        session.outbox().sendItem(Wire.responded(requestId(), tree), oversize -> {
            CallException tooLarge = tooLarge(oversize.getMessage());
            if (end(Wire.error(requestId(), tooLarge))) {
                observer.failed(requestId(), tooLarge);
                invocation.cancel(new CallException(ErrorCode.EXECUTION_ERROR, "item too large"));
            }
        });
        observer.responded(requestId(), tree);
    }

    /** Ends the call once: sends {@code last} (if any) and forgets the call. False when it had already ended. */
    private boolean end(EventEnvelope last) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        session.forgetInbound(this);
        if (last != null) {
            session.outbox().send(last, oversize -> session.outbox().send(
                    Wire.error(requestId(), tooLarge(oversize.getMessage())), ignored -> { }));
        }
        return true;
    }

    private static CallException tooLarge(String why) {
        return new CallException(ErrorCode.EXECUTION_ERROR, "the result does not fit in a frame: " + why);
    }
}
