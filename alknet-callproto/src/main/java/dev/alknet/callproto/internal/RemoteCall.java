package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallHandler;
import dev.alknet.callproto.OperationEnv;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;

/**
 * The head's handler for a worker's query or mutation: forwards it under the worker's own path and waits. Waiting on
 * the handler thread keeps aborts simple: the abort interrupts the wait, and the forwarded call is cancelled, which
 * sends {@code call.aborted} to the worker.
 */
public final class RemoteCall implements CallHandler {

    private final WorkerLink link;
    private final String workerPath;

    public RemoteCall(WorkerLink link, String workerPath) {
        this.link = link;
        this.workerPath = workerPath;
    }

    @Override
    public JsonNode handle(JsonNode input, OperationEnv env) throws Exception {
        CompletableFuture<JsonNode> forwarded = link.call(workerPath, input, env);
        try {
            return forwarded.get();
        } catch (InterruptedException e) {
            forwarded.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw link.explain(e.getCause());
        }
    }
}
