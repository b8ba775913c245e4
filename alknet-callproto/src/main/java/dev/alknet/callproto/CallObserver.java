package dev.alknet.callproto;

import dev.alknet.core.Identity;
import tools.jackson.databind.JsonNode;

/**
 * Sees every call a registry's handlers run, arriving from a peer or nested through {@link OperationEnv#invoke}:
 * for tracing, metrics and the flow graph's call graph. Set it with {@link OperationRegistry#observer}.
 *
 * <p>Methods run on the threads that handle the calls, concurrently for different calls and in order for one call:
 * {@code requested}, then {@code started} once admitted, then items ({@code responded} per subscription item) and
 * exactly one end: {@code responded} for a query or mutation, {@code completed}, {@code failed} or {@code aborted}.
 * A call refused before its handler ran (not found, access denied, invalid input) ends with {@code failed} without
 * {@code started}. Implementations must be quick and must not throw; they never see the caller's token.
 */
public interface CallObserver {

    /** Observes nothing. */
    CallObserver NONE = new CallObserver() {
    };

    /**
     * @param parentRequestId the call this one was made for, or null
     * @param type the operation's type, or null when there is no such operation
     */
    default void requested(String requestId, String operationId, JsonNode input, String parentRequestId,
            Identity caller, OperationType type) {
    }

    /** The call was admitted and its handler is about to run. */
    default void started(String requestId) {
    }

    /** A query's or mutation's result (which ends the call), or one subscription item. */
    default void responded(String requestId, JsonNode output) {
    }

    /** A subscription ended normally. */
    default void completed(String requestId) {
    }

    default void failed(String requestId, CallException error) {
    }

    /** The caller aborted the call, or the session it arrived on closed. */
    default void aborted(String requestId) {
    }
}
