package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.host.StorageOpsFixture.Caller;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code watchGraph}: a graph's events live over a subscription, resumed by consumer name, ended by a revoke. */
class StorageWatchTest extends StorageGraphTestBase {

    private Items watch(Caller caller, String consumer) {
        Items items = new Items();
        caller.subscribe("watchGraph", inGraph("\"consumer\": \"" + consumer + "\""))
                .subscribe(items);
        return items;
    }

    @Test
    void nodeEventsArriveLiveAndAReconnectResumesAfterTheLastOneSent() throws Exception {
        addPerson(alice, "before");
        Items first = watch(alice, "ui");
        assertThat(first.next().get("payload").get("key").stringValue()).isEqualTo("before");

        addPerson(alice, "live");
        JsonNode live = first.next();
        assertThat(live.get("type").stringValue()).isEqualTo("node.created");
        assertThat(live.get("payload").get("key").stringValue()).isEqualTo("live");
        assertThat(live.get("position").asLong()).isEqualTo(2);
        first.cancel();

        addPerson(alice, "while away");
        Items again = watch(fixture.alice(), "ui");
        assertThat(again.next().get("payload").get("key").stringValue()).isEqualTo("while away");
        again.cancel();
    }

    @Test
    void aConsumerNameIsPerCallerAndAfterSkipsAhead() throws Exception {
        addPerson(alice, "one");
        addPerson(alice, "two");
        alice.call("grantGraph", "{\"graph_id\": \"" + graphId + "\", \"identity_id\": \""
                + StorageOpsFixture.BOB_ID + "\", \"action\": \"read\"}");
        Items alices = watch(alice, "shared-name");
        assertThat(alices.next().get("position").asLong()).isEqualTo(1);
        assertThat(alices.next().get("position").asLong()).isEqualTo(2);

        Items bobs = new Items();
        fixture.bob().subscribe("watchGraph", "{\"graph_id\": \"" + graphId + "\", \"consumer\": \"shared-name\", "
                + "\"after\": 1}").subscribe(bobs);

        assertThat(bobs.next().get("position").asLong()).as("bob's offset is his own").isEqualTo(2);
        alices.cancel();
        bobs.cancel();

        Items beyond = new Items();
        alice.subscribe("watchGraph", inGraph("\"consumer\": \"later\", \"after\": 3")).subscribe(beyond);
        CallException refused = (CallException) beyond.error.get(30, TimeUnit.SECONDS);
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.getMessage()).contains("after 3 is beyond the last event");
    }

    @Test
    void revokingReadEndsTheStreamWithAccessDenied() throws Exception {
        String grant = "{\"graph_id\": \"" + graphId + "\", \"identity_id\": \"" + StorageOpsFixture.BOB_ID
                + "\", \"action\": \"read\"}";
        alice.call("grantGraph", grant);
        Items bobs = watch(fixture.bob(), "feed");
        addPerson(alice, "seen");
        assertThat(bobs.next().get("payload").get("key").stringValue()).isEqualTo("seen");

        alice.call("revokeGraph", grant);
        addPerson(alice, "hidden");

        Throwable end = bobs.error.get(30, TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(CallException.class);
        assertThat(((CallException) end).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(bobs.items).isEmpty();
    }

    @Test
    void aStrangerCannotWatch() throws Exception {
        Items bobs = watch(fixture.bob(), "peek");

        Throwable end = bobs.error.get(30, TimeUnit.SECONDS);
        assertThat(((CallException) end).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    /** A subscriber that takes everything and keeps it for the test to take one at a time. */
    static final class Items implements Flow.Subscriber<JsonNode> {
        final BlockingQueue<JsonNode> items = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(JsonNode item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.complete(t);
        }

        @Override
        public void onComplete() {
            error.complete(null);
        }

        JsonNode next() throws InterruptedException {
            JsonNode item = items.poll(30, TimeUnit.SECONDS);
            assertThat(item).as("an item within 30 s").isNotNull();
            return item;
        }

        void cancel() {
            subscription.cancel();
        }
    }
}
