package dev.alknet.host;

import static dev.alknet.host.OpInput.integer;
import static dev.alknet.host.OpInput.name;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationEnv;
import dev.alknet.callproto.SubscriptionSink;
import dev.alknet.core.Identity;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.Graph;
import dev.alknet.storage.StorageService;
import dev.alknet.storage.StreamEvent;
import dev.alknet.storage.StreamSubscription;
import dev.alknet.storage.Streams;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;

/**
 * {@code watchGraph}: the events of one graph's stream ({@code node.*}, {@code edge.*}) as a subscription, through a
 * durable storage consumer so a caller that reconnects with the same {@code consumer} name resumes after the last
 * event it was sent (at least once: an event whose sending was cut off comes again).
 *
 * <p>Consumer names are per caller: storage records {@code call:<identity id>:<consumer>}, so one caller cannot move
 * another's offset. Access is checked when the subscription starts and again before each event, so revoking
 * {@code can_read} ends the stream with {@code ACCESS_DENIED}.
 */
final class StorageWatch {

    /** Only events written by another process wait this long; local writes wake the subscription at once. */
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_CONSUMER = 128;

    private StorageWatch() {
    }

    static void register(StorageOps ops, StorageService storage, GraphAccess access) {
        ops.subscription("watchGraph", StorageOps.READERS, OpInput.object().required("graph_id", name())
                        .required("consumer", consumerName()).optional("after", integer(0, Long.MAX_VALUE)),
                (in, env, sink) -> watch(storage.streams(), access, in, env, sink));
    }

    /** Short enough that storage's 255-character limit holds with the caller's id in front. */
    private static JsonNode consumerName() {
        return StorageJson.object().put("type", "string").put("minLength", 1).put("maxLength", MAX_CONSUMER);
    }

    private static void watch(Streams streams, GraphAccess access, JsonNode in, OperationEnv env,
            SubscriptionSink sink) throws InterruptedException {
        Identity caller = env.identity();
        Graph graph = access.require(caller, in.get("graph_id").stringValue(), AclAction.READ);
        String stream = Streams.graph(graph.id());
        String consumer = "call:" + caller.id() + ":" + in.get("consumer").stringValue();
        if (in.has("after")) {
            long after = in.get("after").asLong();
            // An offset past the head would silently swallow the events that later take those positions.
            if (after > 0 && streams.read(stream, after - 1, 1).isEmpty()) {
                throw new CallException(ErrorCode.VALIDATION_ERROR, "after " + after + " is beyond the last event of "
                        + stream);
            }
            streams.commit(stream, consumer, after);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try (StreamSubscription ignored = streams.subscribe(stream, consumer,
                event -> deliver(event, sink, () -> access.require(caller, graph.id(), AclAction.READ), ended),
                POLL)) {
            ended.get();
        } catch (ExecutionException e) {
            // Access was revoked (CallException) or storage failed (StorageException, mapped by StorageOps).
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CallException(ErrorCode.EXECUTION_ERROR, "watching graph '" + graph.id() + "' failed");
        }
    }

    /**
     * Runs on the storage subscription's thread. Throwing leaves the event uncommitted, which is what an event that
     * was not sent needs; the stream then ends through {@code ended}.
     */
    private static void deliver(StreamEvent event, SubscriptionSink sink, Runnable checkAccess,
            CompletableFuture<Void> ended) {
        if (ended.isDone()) {
            throw new CancellationException("the subscription has ended");
        }
        try {
            checkAccess.run();
            sink.emit(StorageJson.event(event));
        } catch (CancellationException e) {
            ended.complete(null);
            throw e;
        } catch (RuntimeException e) {
            ended.completeExceptionally(e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended.complete(null);
            throw new CancellationException("interrupted while sending");
        }
    }
}
