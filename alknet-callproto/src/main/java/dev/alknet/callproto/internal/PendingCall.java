package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import tools.jackson.databind.JsonNode;

/**
 * A query or mutation awaiting its one response. The future is completed on the session executor so that callbacks
 * a user chains on it never run on the reader or timer thread.
 */
public final class PendingCall implements Pending {

    private final CompletableFuture<JsonNode> future;
    private final Executor executor;

    public PendingCall(CompletableFuture<JsonNode> future, Executor executor) {
        this.future = future;
        this.executor = executor;
    }

    @Override
    public void deliver(JsonNode output) {
        onExecutor(() -> future.complete(output));
    }

    @Override
    public void complete() {
        fail(new CallException(ErrorCode.PROTOCOL_ERROR, "the operation completed without a response"));
    }

    @Override
    public void fail(CallException error) {
        onExecutor(() -> future.completeExceptionally(error));
    }

    private void onExecutor(Runnable completion) {
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }
}
