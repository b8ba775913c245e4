package dev.alknet.callproto;

import static dev.alknet.callproto.Failures.callError;
import static dev.alknet.callproto.Nodes.await;
import static dev.alknet.callproto.Nodes.json;
import static dev.alknet.callproto.Nodes.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallObserverTest {

    private static final Identity ALICE = Identity.of("alice", "files:read");

    /** Every observation as "event operation-or-id-role detail", with request ids replaced by names. */
    private static final class Recorder implements CallObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> ids = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        private final String lastOperation;

        Recorder(String lastOperation) {
            this.lastOperation = lastOperation;
        }

        private String name(String requestId) {
            int i = ids.indexOf(requestId);
            return i < 0 ? "?" : "c" + i;
        }

        @Override
        public void requested(String requestId, String operationId, JsonNode input, String parentRequestId,
                Identity caller, OperationType type) {
            ids.add(requestId);
            events.add("requested " + name(requestId) + " " + operationId + " by " + caller.id() + " type " + type
                    + (parentRequestId == null ? "" : " parent " + name(parentRequestId)));
        }

        @Override
        public void started(String requestId) {
            events.add("started " + name(requestId));
        }

        @Override
        public void responded(String requestId, JsonNode output) {
            events.add("responded " + name(requestId) + " " + output);
            if (name(requestId).equals(lastOperation)) {
                ended.countDown();
            }
        }

        @Override
        public void completed(String requestId) {
            events.add("completed " + name(requestId));
            ended.countDown();
        }

        @Override
        public void failed(String requestId, CallException error) {
            events.add("failed " + name(requestId) + " " + error.code());
            ended.countDown();
        }

        @Override
        public void aborted(String requestId) {
            events.add("aborted " + name(requestId));
            ended.countDown();
        }

        List<String> awaitEnd() throws InterruptedException {
            assertThat(ended.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return events;
        }
    }

    @Test
    void aCallAndTheCallItMakesAreObservedWithTheirParentAndOutcome() throws InterruptedException {
        Recorder recorder = new Recorder("c0");
        OperationRegistry ops = OperationRegistry.create()
                .query("/right/x/outer", (input, env) -> env.invoke("/right/x/inner", input).join())
                .query("/right/x/inner", (input, env) -> json("{\"inner\": true}"))
                .observer(recorder);
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            await(nodes.left.call("/right/x/outer", json("{}")));

            assertThat(recorder.awaitEnd()).containsExactly(
                    "requested c0 /right/x/outer by alice type QUERY",
                    "started c0",
                    "requested c1 /right/x/inner by alice type QUERY parent c0",
                    "started c1",
                    "responded c1 {\"inner\":true}",
                    "responded c0 {\"inner\":true}");
        }
    }

    @Test
    void aRefusedCallIsRequestedThenFailedWithoutStarting() throws InterruptedException {
        Recorder recorder = new Recorder("c0");
        try (Nodes nodes = Nodes.serving(OperationRegistry.create().observer(recorder), ALICE)) {
            callError(nodes.left.call("/right/x/missing", json("{}")));

            assertThat(recorder.awaitEnd()).containsExactly(
                    "requested c0 /right/x/missing by alice type null",
                    "failed c0 OPERATION_NOT_FOUND");
        }
    }

    @Test
    void subscriptionItemsThenCompletionAreObserved() throws Exception {
        Recorder recorder = new Recorder("none");
        OperationRegistry ops = OperationRegistry.create().subscription("/right/x/count", spec -> { },
                (input, env, sink) -> {
                    for (int i = 0; i < 3; i++) {
                        sink.emit(number(i));
                    }
                }).observer(recorder);
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            Collector collector = Collector.unbounded();
            nodes.left.subscribe("/right/x/count", null).subscribe(collector);
            await(collector.done);

            assertThat(recorder.awaitEnd()).containsExactly(
                    "requested c0 /right/x/count by alice type SUBSCRIPTION",
                    "started c0",
                    "responded c0 0",
                    "responded c0 1",
                    "responded c0 2",
                    "completed c0");
        }
    }

    @Test
    void anAbortByTheCallerIsObserved() throws InterruptedException {
        Recorder recorder = new Recorder("none");
        CountDownLatch started = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().query("/right/x/hang", (input, env) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        }).observer(recorder);
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            CompletableFuture<JsonNode> call = nodes.left.call("/right/x/hang", null);
            assertThat(started.await(Nodes.HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            call.cancel(true);

            assertThat(recorder.awaitEnd()).containsExactly(
                    "requested c0 /right/x/hang by alice type QUERY",
                    "started c0",
                    "aborted c0");
        }
    }
}
