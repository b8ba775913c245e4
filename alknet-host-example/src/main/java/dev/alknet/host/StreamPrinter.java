package dev.alknet.host;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import tools.jackson.databind.JsonNode;

/**
 * Prints a subscription's items, one JSON line each, asking for the next only once one is written: a slow
 * terminal slows the producer down instead of filling memory.
 */
final class StreamPrinter implements Flow.Subscriber<JsonNode> {

    private final PrintWriter out;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    StreamPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Completes at the end of the stream, or with the {@code CallException} that ended it. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Stops the stream: the server is sent {@code call.aborted}. */
    void cancel() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        s.request(1);
    }

    @Override
    public void onNext(JsonNode item) {
        out.println(JsonText.format(item, false));
        out.flush();
        subscription.join().request(1);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }
}
