package dev.alknet.callproto;

import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.transport.InMemoryTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two sessions on the two ends of an in-memory pair: {@code left} sees the peer as {@code rightIdentity} and serves
 * {@code leftOps}; symmetric for {@code right}.
 */
final class Nodes implements AutoCloseable {

    /** Upper bound for any wait in these tests: it only guards against hangs and is never asserted on. */
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    final CallSession left;
    final CallSession right;

    private Nodes(CallSession left, CallSession right) {
        this.left = left;
        this.right = right;
    }

    static Nodes connect(OperationRegistry leftOps, Identity rightIdentity, OperationRegistry rightOps,
            Identity leftIdentity) {
        return connect(leftOps, rightIdentity, rightOps, leftIdentity, InMemoryTransport.DEFAULT_CAPACITY_BYTES, 64);
    }

    static Nodes connect(OperationRegistry leftOps, Identity rightIdentity, OperationRegistry rightOps,
            Identity leftIdentity, int pipeBytes, int buffers) {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(pipeBytes);
        CallSession left = CallSession.builder(pair.client(), rightIdentity).registry(leftOps).name("left")
                .subscriptionBuffer(buffers).outboundWindow(buffers).start();
        CallSession right = CallSession.builder(pair.server(), leftIdentity).registry(rightOps).name("right")
                .subscriptionBuffer(buffers).outboundWindow(buffers).start();
        return new Nodes(left, right);
    }

    /** {@code right} serves {@code ops} to {@code left}, which is authenticated as {@code caller}. */
    static Nodes serving(OperationRegistry ops, Identity caller) {
        return connect(OperationRegistry.create(), Identity.anonymous(), ops, caller);
    }

    static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static ObjectNode json(String text) {
        return (ObjectNode) FrameCodec.jsonMapper().readTree(text);
    }

    static ObjectNode object() {
        return FrameCodec.jsonMapper().createObjectNode();
    }

    static JsonNode number(int value) {
        return FrameCodec.jsonMapper().getNodeFactory().numberNode(value);
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
