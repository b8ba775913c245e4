package dev.alknet.callproto;

import static dev.alknet.callproto.Failures.callError;
import static dev.alknet.callproto.Nodes.await;
import static dev.alknet.callproto.Nodes.json;
import static dev.alknet.callproto.Nodes.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallSessionTest {

    private static final Identity ALICE = Identity.of("SHA256:alice", "fs:read");

    @Test
    void eitherSideCallsTheOther() {
        OperationRegistry leftOps = OperationRegistry.create()
                .query("/left/math/double", (input, env) -> number(input.intValue() * 2));
        OperationRegistry rightOps = OperationRegistry.create()
                .query("/right/math/negate", (input, env) -> number(-input.intValue()));
        try (Nodes nodes = Nodes.connect(leftOps, Identity.anonymous(), rightOps, Identity.anonymous())) {
            assertThat(await(nodes.left.call("/right/math/negate", number(5))).intValue()).isEqualTo(-5);
            assertThat(await(nodes.right.call("/left/math/double", number(5))).intValue()).isEqualTo(10);
        }
    }

    @Test
    void hundredsOfConcurrentCallsEachGetTheirOwnAnswer() {
        OperationRegistry ops = OperationRegistry.create().query("/right/math/square", (input, env) -> {
            Thread.yield();
            return number(input.intValue() * input.intValue());
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                calls.add(nodes.left.call("/right/math/square", number(i)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(await(calls.get(i)).intValue()).isEqualTo(i * i);
            }
        }
    }

    @Test
    void typedRegistrationAndTypedCalls() {
        record Add(int a, int b) { }
        record Sum(int sum) { }
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/math/add", Add.class, Sum.class, (add, env) -> new Sum(add.a() + add.b()));
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            assertThat(await(nodes.left.call("/right/math/add", new Add(2, 3), Sum.class))).isEqualTo(new Sum(5));
            CallException missing = callError(nodes.left.call("/right/math/add", json("{\"a\": 1}")));
            assertThat(missing.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(missing.getMessage()).contains("b");
        }
    }

    @Test
    void unknownOperationIsOperationNotFound() {
        try (Nodes nodes = Nodes.serving(OperationRegistry.create(), ALICE)) {
            CallException error = callError(nodes.left.call("/right/nothing/here", number(1)));
            assertThat(error.code()).isEqualTo(ErrorCode.OPERATION_NOT_FOUND);
            assertThat(error.getMessage()).isEqualTo("operation not found: /right/nothing/here");
        }
    }

    @Test
    void aSpecWithoutHandlerIsListedButNotCallable() {
        OperationRegistry ops = OperationRegistry.create()
                .register(OperationSpec.builder("/right/fs/read", OperationType.QUERY).build());
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            assertThat(callError(nodes.left.call("/right/fs/read", number(1))).code())
                    .isEqualTo(ErrorCode.OPERATION_NOT_FOUND);
            ops.handle("/right/fs/read", (CallHandler) (input, env) -> number(7));
            assertThat(await(nodes.left.call("/right/fs/read", number(1))).intValue()).isEqualTo(7);
        }
    }

    @Test
    void accessControlUsesTheSessionIdentity() {
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/fs/read", spec -> spec.access(AccessControl.allOf("fs:read")),
                        (input, env) -> number(1))
                .query("/right/fs/write", spec -> spec.access(AccessControl.allOf("fs:write")),
                        (input, env) -> number(2));
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            assertThat(await(nodes.left.call("/right/fs/read", null)).intValue()).isEqualTo(1);
            // An identity in the payload changes nothing: only the session's identity counts.
            CallException denied = callError(nodes.left.call("/right/fs/write",
                    json("{\"identity\": {\"id\": \"root\", \"scopes\": [\"fs:write\"]}}")));
            assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(denied.getMessage()).isEqualTo("access denied to /right/fs/write");
        }
        try (Nodes anonymous = Nodes.serving(ops, Identity.anonymous())) {
            CallException denied = callError(anonymous.left.call("/right/fs/read", null));
            assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(denied.getMessage()).isEqualTo("authentication required for /right/fs/read");
        }
    }

    @Test
    void validationErrorsNameTheFailingPointer() {
        OperationRegistry ops = OperationRegistry.create().query("/right/users/create", spec -> spec.inputSchema(json(
                """
                {"type": "object", "required": ["name"],
                 "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}
                """)), (input, env) -> number(1));
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CallException error = callError(nodes.left.call("/right/users/create",
                    json("{\"name\": \"x\", \"tags\": [\"a\", 3]}")));
            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(error.retryable()).isFalse();
            assertThat(error.getMessage()).contains("'/tags/1'");
            assertThat(error.details().get("errors").get(0).get("pointer").stringValue()).isEqualTo("/tags/1");
            assertThat(error.details().get("errors").get(0).get("keyword").stringValue()).isEqualTo("type");
        }
    }

    @Test
    void aNumberTheValidatorCannotConvertIsAValidationErrorNotASilence() {
        OperationRegistry ops = OperationRegistry.create().query("/right/page/list", spec -> spec.inputSchema(json(
                "{\"properties\": {\"limit\": {\"type\": \"integer\", \"minimum\": 1}}}")), (input, env) -> number(1));
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CallException error = callError(nodes.left.call("/right/page/list", json("{\"limit\": -5.9e31}")));

            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(error.getMessage()).startsWith("input of /right/page/list cannot be checked against its schema");
            assertThat(await(nodes.left.call("/right/page/list", json("{\"limit\": 2}"))).intValue()).isEqualTo(1);
        }
    }

    @Test
    void handlerExceptionsBecomeExecutionErrorsWithTheirMessageOnly() {
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/x/fail", (input, env) -> {
                    throw new IllegalStateException("disk full");
                })
                .query("/right/x/busy", (input, env) -> {
                    throw new CallException(ErrorCode.UNKNOWN_ERROR, "try later", json("{\"after\": 5}"), true);
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CallException failed = callError(nodes.left.call("/right/x/fail", null));
            assertThat(failed.code()).isEqualTo(ErrorCode.EXECUTION_ERROR);
            assertThat(failed.getMessage()).isEqualTo("disk full");
            assertThat(failed.details()).isNull();
            CallException busy = callError(nodes.left.call("/right/x/busy", null));
            assertThat(busy.code()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
            assertThat(busy.retryable()).isTrue();
            assertThat(busy.details()).isEqualTo(json("{\"after\": 5}"));
        }
    }

    @Test
    void aTimeoutFailsTheCallAndStopsTheHandler() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().query("/right/x/hang", (input, env) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CallException error = callError(nodes.left.call("/right/x/hang", null,
                    CallOptions.timeout(Duration.ofMillis(50))));
            assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(interrupted.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(nodes.left.isOpen()).isTrue();
        }
    }

    @Test
    void aDeadlineThatPassesDuringTheCallCancelsTheHandler() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().query("/right/x/hang", (input, env) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                assertThat(env.isCancelled()).isTrue();
                interrupted.countDown();
            }
            return null;
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CallException error = callError(nodes.left.call("/right/x/hang", null,
                    CallOptions.deadline(Instant.now().plusMillis(100))));
            assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(interrupted.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aGracefulCloseLetsRunningCallsAnswerAndRefusesNewOnes() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().query("/right/x/slow", (input, env) -> {
            started.countDown();
            release.await();
            return Nodes.json("{\"done\": true}");
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CompletableFuture<JsonNode> running = nodes.left.call("/right/x/slow", null);
            assertThat(started.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closed = nodes.right.closeGracefully(Duration.ofSeconds(30));
            CallException refused = callError(nodes.left.call("/services/list", null));
            CallException refusedHere = callError(nodes.right.call("/services/list", null));
            assertThat(closed).isNotDone();
            release.countDown();

            assertThat(await(running).get("done").booleanValue()).isTrue();
            await(closed);
            assertThat(nodes.right.closeReason()).isEqualTo("closed gracefully by this side");
            assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("the session is closing");
            assertThat(refusedHere.code()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
        }
    }

    @Test
    void aGracefulCloseEndsCallsStillRunningAfterTheDrain() {
        OperationRegistry ops = OperationRegistry.create().query("/right/x/hang", (input, env) -> {
            new CountDownLatch(1).await();
            return null;
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CompletableFuture<JsonNode> running = nodes.left.call("/right/x/hang", null);
            await(nodes.left.call("/services/list", null));

            await(nodes.right.closeGracefully(Duration.ofMillis(50)));

            assertThat(nodes.right.closeReason()).isEqualTo("closed by this side after the drain time");
            assertThat(callError(running).code()).isEqualTo(ErrorCode.ABORTED);
        }
    }

    @Test
    void aDeadlineInThePastFailsWithoutSending() {
        try (Nodes nodes = Nodes.serving(OperationRegistry.create(), ALICE)) {
            CallException error = callError(nodes.left.call("/services/list", null,
                    CallOptions.deadline(Instant.now().minusSeconds(1))));
            assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Test
    void tenThousandConcurrentCallsOnOneSessionAllComeBackToTheirCallers() {
        int calls = 10_000;
        OperationRegistry ops = OperationRegistry.create().query("/right/x/echo", (input, env) -> input);
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(nodes.left.call("/right/x/echo", number(i)));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(await(futures.get(i)).intValue()).isEqualTo(i);
            }
            assertThat(nodes.left.engine().pendingCalls()).isZero();
            assertThat(nodes.right.engine().runningCalls()).isZero();
        }
    }

    @Test
    void disconnectFailsEveryPendingCallPromptly() {
        CountDownLatch started = new CountDownLatch(3);
        OperationRegistry ops = OperationRegistry.create().query("/right/x/hang", (input, env) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            List<CompletableFuture<JsonNode>> calls = List.of(nodes.left.call("/right/x/hang", null),
                    nodes.left.call("/right/x/hang", null), nodes.left.call("/right/x/hang", null));
            awaitLatch(started);
            nodes.right.close();
            for (CompletableFuture<JsonNode> call : calls) {
                CallException error = callError(call);
                assertThat(error.code()).isEqualTo(ErrorCode.ABORTED);
                assertThat(error.getMessage()).startsWith("session closed");
            }
            await(nodes.left.closeFuture());
            assertThat(nodes.left.isOpen()).isFalse();
            assertThat(callError(nodes.left.call("/right/x/hang", null)).code()).isEqualTo(ErrorCode.ABORTED);
        }
    }

    @Test
    void abortingACallInterruptsTheHandlerAndItsNestedCalls() {
        CountDownLatch innerStarted = new CountDownLatch(1);
        CountDownLatch outerInterrupted = new CountDownLatch(1);
        CountDownLatch innerInterrupted = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/x/inner", (input, env) -> {
                    innerStarted.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        innerInterrupted.countDown();
                    }
                    return null;
                })
                .query("/right/x/outer", (input, env) -> {
                    CompletableFuture<JsonNode> inner = env.invoke("/right/x/inner", null);
                    try {
                        return inner.get();
                    } catch (InterruptedException | ExecutionException e) {
                        // Whichever the handler notices first: its own interrupt or the nested call's ABORTED.
                        if (env.isCancelled()) {
                            outerInterrupted.countDown();
                        }
                        return null;
                    }
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CompletableFuture<JsonNode> call = nodes.left.call("/right/x/outer", null);
            awaitLatch(innerStarted);
            call.cancel(true);
            awaitLatch(outerInterrupted);
            awaitLatch(innerInterrupted);
            assertThat(await(nodes.left.call("/services/list", null)).has("operations")).isTrue();
        }
    }

    @Test
    void nestedCallsCarryTheParentIdAndTheCallerIdentity() {
        List<OperationEnv> seen = new ArrayList<>();
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/x/inner", spec -> spec.access(AccessControl.allOf("admin")), (input, env) -> {
                    seen.add(env);
                    return number(input.intValue() + 1);
                })
                .query("/right/x/outer", (input, env) -> {
                    seen.add(env);
                    return env.invoke("/right/x/inner", number(1)).get();
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            assertThat(await(nodes.left.call("/right/x/outer", null)).intValue()).isEqualTo(2);
            OperationEnv outer = seen.get(0);
            OperationEnv inner = seen.get(1);
            assertThat(outer.trusted()).isFalse();
            assertThat(inner.trusted()).isTrue();
            assertThat(inner.parentRequestId()).contains(outer.requestId());
            assertThat(inner.identity()).isEqualTo(ALICE);
            assertThat(inner.operationId()).isEqualTo("/right/x/inner");
            // Called directly, the same operation is still guarded.
            assertThat(callError(nodes.left.call("/right/x/inner", number(1))).code())
                    .isEqualTo(ErrorCode.ACCESS_DENIED);
        }
    }

    @Test
    void servicesListAndSchemaDescribeTheRegistry() {
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/fs/stat", spec -> spec.inputSchema(json("{\"type\": \"object\"}")),
                        (input, env) -> null)
                .subscription("/right/fs/watch", spec -> { }, (input, env, sink) -> { });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            JsonNode list = await(nodes.left.call("/services/list", Nodes.object()));
            assertThat(list).isEqualTo(json("""
                    {"operations": [
                      {"name": "/right/fs/stat", "namespace": "fs", "op_type": "query"},
                      {"name": "/right/fs/watch", "namespace": "fs", "op_type": "subscription"},
                      {"name": "/services/list", "namespace": "services", "op_type": "query"},
                      {"name": "/services/schema", "namespace": "services", "op_type": "query"}]}"""));
            JsonNode schema = await(nodes.left.call("/services/schema", json("{\"name\": \"/right/fs/stat\"}")));
            assertThat(schema).isEqualTo(json("""
                    {"name": "/right/fs/stat", "namespace": "fs", "op_type": "query",
                     "input_schema": {"type": "object"}, "output_schema": {}}"""));
            assertThat(callError(nodes.left.call("/services/schema", json("{\"name\": \"/no/such/op\"}"))).code())
                    .isEqualTo(ErrorCode.OPERATION_NOT_FOUND);
            CallException missing = callError(nodes.left.call("/services/schema", Nodes.object()));
            assertThat(missing.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(missing.getMessage()).contains("name");
        }
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("hang guard").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
