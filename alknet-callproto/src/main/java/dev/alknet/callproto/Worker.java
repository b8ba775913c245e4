package dev.alknet.callproto;

import dev.alknet.callproto.internal.SpecJson;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.transport.DuplexStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node that serves its operations through a {@link Head}: it opens a session to the head over any stream, registers
 * its operations under a node name, and then answers the calls the head forwards.
 *
 * <pre>{@code
 * OperationRegistry ops = OperationRegistry.create().query("/files/read", ...);
 * try (Worker worker = Worker.builder("w1", ops).connect(stream, headIdentity)) {
 *     // clients of the head now call /w1/files/read
 * }
 * }</pre>
 *
 * <p>The worker registers its {@code /{service}/{op}} operations (the discovery operations excepted): the head adds
 * the prefix, so a worker does not know its alias. Its session trusts the head, and only the head: a forwarded call
 * runs as the caller the head names, with access already checked there. With {@link Builder#unknownToHead}
 * (the default), {@link OperationEnv#invoke} of an operation the worker lacks goes to the head ({@code /w2/...} for
 * another worker, {@code /head/...} for the head's own), as a child of the running call.
 */
public final class Worker implements AutoCloseable {

    private final String node;
    private final CallSession session;
    private final List<String> exposedAs;

    private Worker(String node, CallSession session, List<String> exposedAs) {
        this.node = node;
        this.session = session;
        this.exposedAs = exposedAs;
    }

    /**
     * @param node the name the head exposes this worker under ({@code /{node}/...})
     * @param registry the operations to register; later changes are not sent to the head
     */
    public static Builder builder(String node, OperationRegistry registry) {
        return new Builder(node, registry);
    }

    public String node() {
        return node;
    }

    /** The session to the head; this worker may call the head's operations on it. */
    public CallSession session() {
        return session;
    }

    /** The paths the head exposes this worker's operations under, as it answered the registration. */
    public List<String> exposedAs() {
        return exposedAs;
    }

    /** Disconnects from the head, which removes this worker's operations. */
    @Override
    public void close() {
        session.close();
    }

    /** Configures a worker; {@link #connect} opens the session and registers. */
    public static final class Builder {
        private final String node;
        private final OperationRegistry registry;
        private boolean unknownToHead = true;
        private Consumer<CallSession.Builder> sessionOptions = options -> { };

        private Builder(String node, OperationRegistry registry) {
            this.node = Objects.requireNonNull(node, "node");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Whether nested calls to operations this worker lacks go to the head (default true). */
        public Builder unknownToHead(boolean enabled) {
            this.unknownToHead = enabled;
            return this;
        }

        /** Further session settings (executor, buffers, default timeout, name). */
        public Builder session(Consumer<CallSession.Builder> options) {
            this.sessionOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Opens the session over {@code stream} and registers, waiting for the head's answer (within the session's
         * default timeout).
         *
         * @param head the authenticated identity of the head
         * @throws CallException when the head refuses (a taken node name, missing rights) or does not answer; the
         *     session is closed then
         */
        public Worker connect(DuplexStream stream, Identity head) {
            CallSession.Builder builder = CallSession.builder(stream, head).registry(registry);
            sessionOptions.accept(builder);
            CallSession session = builder.peerIsHead(unknownToHead).start();
            try {
                JsonNode answer = session.call(Head.REGISTER, registration()).join();
                List<String> paths = answer.path("operations").valueStream().map(JsonNode::stringValue).toList();
                return new Worker(node, session, paths);
            } catch (CompletionException e) {
                session.close();
                throw e.getCause() instanceof CallException callException ? callException : e;
            }
        }

        private JsonNode registration() {
            ObjectNode input = FrameCodec.jsonMapper().createObjectNode();
            input.put("node", node);
            ArrayNode operations = input.putArray("operations");
            registry.specs().stream()
                    .filter(spec -> !spec.namespace().equals("services") && spec.path().split("/").length == 3)
                    .forEach(spec -> operations.add(SpecJson.toJson(spec)));
            return input;
        }
    }
}
