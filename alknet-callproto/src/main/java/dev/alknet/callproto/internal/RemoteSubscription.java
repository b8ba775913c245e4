package dev.alknet.callproto.internal;

import dev.alknet.callproto.OperationEnv;
import dev.alknet.callproto.SubscriptionHandler;
import dev.alknet.callproto.SubscriptionSink;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/**
 * The head's handler for a worker's subscription: subscribes at the worker and re-emits each item to the caller.
 *
 * <p>Back-pressure crosses the head one item at a time: the next item is requested only after {@code emit} returned,
 * and {@code emit} blocks while the caller does not read. So the worker session's bounded buffer fills and the worker
 * blocks; nothing is dropped. An abort interrupts the handler, which cancels the worker's stream.
 */
public final class RemoteSubscription implements SubscriptionHandler {

    private final WorkerLink link;
    private final String workerPath;

    public RemoteSubscription(WorkerLink link, String workerPath) {
        this.link = link;
        this.workerPath = workerPath;
    }

    @Override
    public void handle(JsonNode input, OperationEnv env, SubscriptionSink sink) throws Exception {
        String requestId = Dispatcher.newRequestId();
        Relay relay = new Relay();
        link.subscribe(requestId, workerPath, input, env).subscribe(relay);
        try {
            relay.pump(sink);
        } finally {
            relay.subscription.cancel();
            link.forget(requestId);
        }
    }

    /** Signals from the worker's stream, at most one item outstanding. */
    private final class Relay implements Flow.Subscriber<JsonNode> {
        private static final Object COMPLETE = new Object();

        private final LinkedBlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(JsonNode item) {
            signals.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add(throwable);
        }

        @Override
        public void onComplete() {
            signals.add(COMPLETE);
        }

        void pump(SubscriptionSink sink) throws InterruptedException {
            while (true) {
                Object signal = signals.take();
                if (signal == COMPLETE) {
                    return;
                }
                if (signal instanceof Throwable failure) {
                    throw link.explain(failure);
                }
                sink.emit(signal);
                subscription.request(1);
            }
        }
    }
}
