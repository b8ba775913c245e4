package dev.alknet.storage;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * A subscriber for publisher tests: records what it receives and leaves demand to the test, which may also act from
 * inside {@code onNext} (e.g. cancel).
 */
final class RecordingSubscriber implements Flow.Subscriber<StreamEvent> {

    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    final BlockingQueue<Long> positions = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    private final BiConsumer<Flow.Subscription, StreamEvent> onEach;

    RecordingSubscriber() {
        this((s, e) -> { });
    }

    RecordingSubscriber(BiConsumer<Flow.Subscription, StreamEvent> onEach) {
        this.onEach = onEach;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
    }

    @Override
    public void onNext(StreamEvent event) {
        positions.add(event.position());
        onEach.accept(subscription.join(), event);
    }

    @Override
    public void onError(Throwable t) {
        error.complete(t);
    }

    @Override
    public void onComplete() {
        error.completeExceptionally(new AssertionError("a durable stream never completes"));
    }

    Flow.Subscription awaitSubscription() throws Exception {
        return subscription.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
