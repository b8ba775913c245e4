package dev.alknet.transport.internal.forward;

import dev.alknet.transport.Tunnel;
import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpenException.Reason;
import dev.alknet.transport.TunnelOpener;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Opening a tunnel on behalf of a local connection, with the outcome handled on that connection's loop. */
public final class Tunnels {

    private Tunnels() {
    }

    /**
     * Opens a tunnel and runs {@code onOpen} or {@code onFailure} on {@code local}'s event loop. A tunnel that
     * opens after {@code local} closed is closed at once. An opener that throws, or fails with something other
     * than a {@link TunnelOpenException}, counts as {@link Reason#FAILED}.
     */
    public static void openThen(TunnelOpener opener, String host, int port, Channel local,
            Consumer<Tunnel> onOpen, Consumer<TunnelOpenException> onFailure) {
        CompletableFuture<Tunnel> opening;
        try {
            opening = opener.open(host, port);
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((tunnel, error) -> local.eventLoop().execute(() -> {
            if (error != null) {
                onFailure.accept(reasonOf(error));
            } else if (!local.isActive()) {
                tunnel.close();
            } else {
                onOpen.accept(tunnel);
            }
        }));
    }

    /** The failure inside the wrappers that {@link CompletableFuture} stages add. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static TunnelOpenException reasonOf(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof TunnelOpenException
                ? (TunnelOpenException) cause
                : new TunnelOpenException(Reason.FAILED, "tunnel open failed: " + cause.getClass().getSimpleName());
    }
}
