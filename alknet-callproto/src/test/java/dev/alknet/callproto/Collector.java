package dev.alknet.callproto;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/** A subscriber that records what it gets; {@code onItem} decides about further demand. */
final class Collector implements Flow.Subscriber<JsonNode> {

    final List<JsonNode> items = new CopyOnWriteArrayList<>();
    /** Completes normally on onComplete, exceptionally with the onError throwable. */
    final CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
    private final long initialDemand;
    private final BiConsumer<Collector, JsonNode> onItem;
    volatile Flow.Subscription subscription;

    private Collector(long initialDemand, BiConsumer<Collector, JsonNode> onItem) {
        this.initialDemand = initialDemand;
        this.onItem = onItem;
    }

    /** Requests everything up front. */
    static Collector unbounded() {
        return new Collector(Long.MAX_VALUE, (c, item) -> { });
    }

    /** Requests one item at a time, running {@code onItem} before asking for the next. */
    static Collector oneByOne(BiConsumer<Collector, JsonNode> onItem) {
        return new Collector(1, (c, item) -> {
            onItem.accept(c, item);
            if (!c.done.isDone()) {
                c.subscription.request(1);
            }
        });
    }

    /** Requests {@code n} items and then nothing until told. */
    static Collector upTo(long n) {
        return new Collector(n, (c, item) -> { });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(initialDemand);
    }

    @Override
    public void onNext(JsonNode item) {
        items.add(item);
        onItem.accept(this, item);
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
