package dev.alknet.host;

import java.util.concurrent.CompletableFuture;

/**
 * Turns the blocking {@link StopSignal} into a future, so that waiting for an answer also ends on Ctrl-C. Closing
 * it ends the thread that waits for the signal.
 */
final class StopWatch implements AutoCloseable {

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Thread watcher;

    private StopWatch(StopSignal stop) {
        watcher = new Thread(() -> {
            try {
                stop.await();
                stopped.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alknet-stop-watch");
        watcher.setDaemon(true);
    }

    static StopWatch start(StopSignal stop) {
        stop.watch();
        StopWatch watch = new StopWatch(stop);
        watch.watcher.start();
        return watch;
    }

    /** Completes when the command is asked to stop. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
