package dev.alknet.callproto;

import dev.alknet.core.Identity;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * What a handler knows about its call, and its way to call other operations on the same node.
 *
 * <p>Nested calls through {@link #invoke} are trusted (access control is not checked again) but keep the caller's
 * identity for auditing and carry this call's request id as their parent. Aborting this call aborts the nested
 * calls still running.
 */
public interface OperationEnv {

    /** The authenticated caller, as established by the session's interface layer. */
    Identity identity();

    /** This call's request id. */
    String requestId();

    /** The request id of the call this one is nested in, when the caller gave one. */
    Optional<String> parentRequestId();

    /**
     * The absolute deadline of this call, when its caller set one (or it inherited one as a nested call). Nested calls
     * through {@link #invoke} and calls a head forwards to a worker carry it on, so every hop can stop in time.
     */
    Optional<Instant> deadline();

    /** The path of the operation being run. */
    String operationId();

    /** True for nested calls made through {@link #invoke}, which skipped access control. */
    boolean trusted();

    /** True once the caller aborted, the deadline passed or the session closed. */
    boolean isCancelled();

    /**
     * Runs a query or mutation as a child of this call: a local one, a worker's through its route on a head, or, on a
     * {@link Worker} that lacks it, at its head (which checks access again for the original caller). The input is
     * still validated against the spec.
     *
     * @return the output; fails with {@link CallException} (e.g. {@link ErrorCode#OPERATION_NOT_FOUND},
     *     {@link ErrorCode#ABORTED} when this call is aborted first)
     */
    CompletableFuture<JsonNode> invoke(String operationId, JsonNode input);

    /** {@link #invoke(String, JsonNode)} with conversion through the shared Jackson mapper. */
    <T> CompletableFuture<T> invoke(String operationId, Object input, Class<T> outputType);
}
