package dev.alknet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallOptions;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationEnv;
import dev.alknet.callproto.PathAccess;
import dev.alknet.callproto.internal.StreamPublisher;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Client → head → worker routing, over the in-process mesh. Waits are hang guards, never asserted on. */
class HeadWorkerRoutingTest {

    private static final long HANG_GUARD_SECONDS = 20;
    private static final Identity ALICE = Identity.of("alice", "files:read");

    @Test
    void callReachesTheWorkerUnderItsOwnPathAndComesBack() {
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.query("/files/read", (input, env) -> context(env.operationId(), env)
                        .put("path", input.get("path").stringValue())))
                .start()) {
            JsonNode answer = await(mesh.client(ALICE).call("/w1/files/read", json("{\"path\": \"/etc/motd\"}")));

            assertThat(answer.get("operation").stringValue()).isEqualTo("/files/read");
            assertThat(answer.get("path").stringValue()).isEqualTo("/etc/motd");
            assertThat(answer.get("caller").stringValue()).isEqualTo("alice");
            assertThat(answer.get("trusted").booleanValue()).isTrue();
            assertThat(answer.has("parent")).isTrue();
            assertThat(mesh.worker("w1").exposedAs()).containsExactly("/w1/files/read");
        }
    }

    @Test
    void servicesListOfTheHeadShowsWorkerOperationsWithTheirPrefix() {
        try (InProcessMesh mesh = InProcessMesh.builder()
                .head(ops -> ops.query("/head/jobs/list", (input, env) -> input))
                .worker("w1", ops -> ops.query("/files/read", (input, env) -> input))
                .worker("w2", ops -> ops.subscription("/logs/tail", spec -> { }, (input, env, sink) -> { }))
                .start()) {
            JsonNode list = await(mesh.client().call("/services/list", json("{}")));

            assertThat(list.get("operations").valueStream().map(op -> op.get("name").stringValue()))
                    .contains("/head/jobs/list", "/w1/files/read", "/w2/logs/tail", "/head/services/register");
            JsonNode schema = await(mesh.client().call("/services/schema", json("{\"name\": \"/w2/logs/tail\"}")));
            assertThat(schema.get("op_type").stringValue()).isEqualTo("subscription");
            assertThat(schema.get("namespace").stringValue()).isEqualTo("logs");
        }
    }

    @Test
    void subscriptionCrossesTheHeadInOrderWithBoundedBuffers() throws Exception {
        int items = 2_000;
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.subscription("/logs/tail", spec -> { }, (input, env, sink) -> {
                    for (int i = 0; i < items; i++) {
                        sink.emit(i);
                    }
                }))
                .start()) {
            Flow.Publisher<JsonNode> publisher = mesh.client().subscribe("/w1/logs/tail", json("{}"));
            SlowSubscriber subscriber = new SlowSubscriber();
            publisher.subscribe(subscriber);

            List<Integer> received = subscriber.done.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

            assertThat(received).hasSize(items);
            assertThat(received).isSorted();
            assertThat(((StreamPublisher) publisher).maxBuffered()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void abortFromTheClientCancelsTheWorkersHandler() throws Exception {
        CompletableFuture<String> workerSaw = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.query("/jobs/run", (input, env) -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        workerSaw.complete("interrupted, cancelled=" + env.isCancelled());
                        throw e;
                    }
                    return input;
                }))
                .start()) {
            CompletableFuture<JsonNode> call = mesh.client().call("/w1/jobs/run", json("{}"));
            assertThat(started.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            call.cancel(true);

            assertThat(workerSaw.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isEqualTo("interrupted, cancelled=true");
        }
    }

    @Test
    void workerDisconnectFailsCallsInFlightAndRemovesItsOperations() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.query("/jobs/run", (input, env) -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return input;
                }))
                .start()) {
            CallSession client = mesh.client();
            CompletableFuture<JsonNode> inFlight = client.call("/w1/jobs/run", json("{}"));
            assertThat(started.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            mesh.worker("w1").close();

            CallException lost = callError(inFlight);
            assertThat(lost.code()).isEqualTo(ErrorCode.ABORTED);
            assertThat(lost.getMessage()).startsWith("worker w1 disconnected");
            assertThat(lost.retryable()).isTrue();
            assertThat(operationNames(client)).noneMatch(name -> name.startsWith("/w1/"));
            assertThat(callError(client.call("/w1/jobs/run", json("{}"))).code())
                    .isEqualTo(ErrorCode.OPERATION_NOT_FOUND);
            assertThat(mesh.head().nodes()).isEmpty();
        }
    }

    @Test
    void heartbeatDropsAWorkerThatStopsAnswering() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (InProcessMesh mesh = InProcessMesh.builder()
                .heartbeat(Duration.ofMillis(50), 2)
                .worker("w1", ops -> ops.query("/jobs/run", (input, env) -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return input;
                }))
                .start()) {
            CallSession client = mesh.client();
            CompletableFuture<JsonNode> inFlight = client.call("/w1/jobs/run", json("{}"));
            assertThat(started.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            mesh.stall("w1");

            CallException lost = callError(inFlight);
            assertThat(lost.code()).isEqualTo(ErrorCode.ABORTED);
            assertThat(lost.getMessage()).contains("worker w1", "missed 2 heartbeats");
            assertThat(operationNames(client)).noneMatch(name -> name.startsWith("/w1/"));
        }
    }

    @Test
    void aSecondWorkerWithATakenNameIsRefused() {
        try (InProcessMesh mesh = InProcessMesh.builder()
                .head(ops -> ops.query("/head/jobs/list", (input, env) -> input))
                .worker("w1", ops -> ops.query("/files/read", (input, env) -> json("{\"from\": \"first\"}")))
                .start()) {
            Throwable taken = catchThrowable(() -> mesh.addWorker("w1", ops -> ops.query("/files/read",
                    (input, env) -> json("{\"from\": \"second\"}"))));

            assertThat(taken).isInstanceOf(CallException.class).hasMessageContaining("'w1' is taken");
            assertThat(((CallException) taken).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(await(mesh.client().call("/w1/files/read", json("{}"))).get("from").stringValue())
                    .isEqualTo("first");
            assertThatThrownBy(() -> mesh.addWorker("head", ops -> { })).hasMessageContaining("head's own");
            assertThatThrownBy(() -> mesh.addWorker("no/slash", ops -> { })).hasMessageContaining("node name");
        }
    }

    @Test
    void theHeadChecksAccessBeforeForwarding() {
        AtomicInteger runs = new AtomicInteger();
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.query("/files/secret", spec -> spec.access(AccessControl.allOf("files:admin")),
                        (input, env) -> {
                            runs.incrementAndGet();
                            return input;
                        }))
                .start()) {
            CallException denied = callError(mesh.client(ALICE).call("/w1/files/secret", json("{}")));
            CallException anonymous = callError(mesh.client().call("/w1/files/secret", json("{}")));

            assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(anonymous.getMessage()).isEqualTo("authentication required for /w1/files/secret");
            assertThat(runs).hasValue(0);
            await(mesh.client(Identity.of("root", "files:admin")).call("/w1/files/secret", json("{}")));
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void pathRulesOnTheHeadGuardAWholeWorkerWhateverItsSpecsSay() {
        try (InProcessMesh mesh = InProcessMesh.builder()
                .head(ops -> ops.pathAccess(PathAccess.builder().rule("/w1/*", AccessControl.allOf("w1")).build()))
                .worker("w1", ops -> ops.query("/files/read", (input, env) -> object().put("ok", true)))
                .start()) {
            CallException denied = callError(mesh.client(ALICE).call("/w1/files/read", object()));
            JsonNode allowed = await(mesh.client(Identity.of("bob", "w1")).call("/w1/files/read", object()));

            assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(denied).hasMessage("access denied to /w1/files/read");
            assertThat(allowed.get("ok").booleanValue()).isTrue();
        }
    }

    @Test
    void theCallersDeadlineReachesTheWorkerAndItsNestedCalls() {
        Instant deadline = Instant.ofEpochMilli(System.currentTimeMillis() + 60_000);
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops
                        .query("/time/outer", (input, env) -> {
                            ObjectNode result = object();
                            result.put("outer", env.deadline().map(Instant::toEpochMilli).orElse(-1L));
                            result.set("inner", env.invoke("/time/inner", object()).join());
                            return result;
                        })
                        .query("/time/inner", (input, env) -> object()
                                .put("deadline", env.deadline().map(Instant::toEpochMilli).orElse(-1L))))
                .start()) {
            CallSession client = mesh.client(ALICE);
            JsonNode withDeadline = await(client.call("/w1/time/outer", object(), CallOptions.deadline(deadline)));
            JsonNode without = await(client.call("/w1/time/outer", object()));

            assertThat(withDeadline.get("outer").longValue()).isEqualTo(deadline.toEpochMilli());
            assertThat(withDeadline.at("/inner/deadline").longValue()).isEqualTo(deadline.toEpochMilli());
            assertThat(without.get("outer").longValue()).isEqualTo(-1L);
            assertThat(without.at("/inner/deadline").longValue()).isEqualTo(-1L);
        }
    }

    @Test
    void nestedCallsFromAWorkerGoThroughTheHeadAsTheOriginalCaller() {
        try (InProcessMesh mesh = InProcessMesh.builder()
                .head(ops -> ops.query("/head/ctx/show", (input, env) -> context(env.operationId(), env)))
                .worker("w1", ops -> ops.query("/relay/go", (input, env) -> {
                    ObjectNode result = object();
                    result.put("self", env.requestId());
                    result.set("head", env.invoke("/head/ctx/show", object()).join());
                    result.set("w2", env.invoke("/w2/ctx/show", object()).join());
                    result.put("admin", catchThrowable(() -> env.invoke("/w2/admin/wipe", object()).join())
                            .getCause().getMessage());
                    return result;
                }))
                .worker("w2", ops -> ops
                        .query("/ctx/show", (input, env) -> context(env.operationId(), env))
                        .query("/admin/wipe", spec -> spec.access(AccessControl.allOf("admin")),
                                (input, env) -> input))
                .start()) {
            JsonNode result = await(mesh.client(ALICE).call("/w1/relay/go", object()));

            assertThat(result.at("/head/caller").stringValue()).isEqualTo("alice");
            assertThat(result.at("/head/parent").stringValue()).isEqualTo(result.get("self").stringValue());
            assertThat(result.at("/w2/caller").stringValue()).isEqualTo("alice");
            assertThat(result.at("/w2/operation").stringValue()).isEqualTo("/ctx/show");
            assertThat(result.at("/w2/parent").isString()).isTrue();
            // The worker's own rights do not leak into calls it makes for alice.
            assertThat(result.get("admin").stringValue()).isEqualTo("access denied to /w2/admin/wipe");
        }
    }

    @Test
    void abortOfAWorkersCallCascadesThroughTheHeadToTheNextWorker() throws Exception {
        CompletableFuture<Boolean> w2Cancelled = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        try (InProcessMesh mesh = InProcessMesh.builder()
                .worker("w1", ops -> ops.query("/relay/go", (input, env) -> env.invoke("/w2/jobs/run", input).get()))
                .worker("w2", ops -> ops.query("/jobs/run", (input, env) -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        w2Cancelled.complete(env.isCancelled());
                        throw e;
                    }
                    return input;
                }))
                .start()) {
            CompletableFuture<JsonNode> call = mesh.client().call("/w1/relay/go", object());
            assertThat(started.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            call.cancel(true);

            assertThat(w2Cancelled.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static ObjectNode context(String operation, OperationEnv env) {
        ObjectNode node = object();
        node.put("operation", operation);
        node.put("caller", env.identity().id());
        node.put("trusted", env.trusted());
        env.parentRequestId().ifPresent(parent -> node.put("parent", parent));
        return node;
    }

    private static List<String> operationNames(CallSession client) {
        return await(client.call("/services/list", object())).get("operations").valueStream()
                .map(op -> op.get("name").stringValue()).toList();
    }

    static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(HANG_GUARD_SECONDS, TimeUnit.SECONDS).join();
    }

    static CallException callError(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> await(future));
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(CallException.class);
        return (CallException) thrown.getCause();
    }

    static ObjectNode json(String text) {
        return (ObjectNode) FrameCodec.jsonMapper().readTree(text);
    }

    static ObjectNode object() {
        return FrameCodec.jsonMapper().createObjectNode();
    }

    /** Requests one item at a time and yields between items, so the worker outruns it and back-pressure engages. */
    private static final class SlowSubscriber implements Flow.Subscriber<JsonNode> {
        final CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        private final List<Integer> items = new CopyOnWriteArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(JsonNode item) {
            items.add(item.intValue());
            Thread.yield();
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(items);
        }
    }
}
