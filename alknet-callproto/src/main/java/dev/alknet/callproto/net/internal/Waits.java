package dev.alknet.callproto.net.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Blocking on a tunnel future the way blocking streams behave: interruptible, failures as IOExceptions. */
final class Waits {

    private Waits() {
    }

    static <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            // Keep the interrupt visible to the caller, as blocking JDK streams do.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during tunnel " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("tunnel " + what + " failed", cause);
        }
    }
}
