package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Unwraps the {@link CallException} a failed call future carries. */
final class Failures {

    private Failures() {
    }

    static CallException callError(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> Nodes.await(future));
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(CallException.class);
        return (CallException) thrown.getCause();
    }
}
