package dev.alknet.callproto.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Everything a session engine is built from; assembled and checked by {@code CallSession.Builder}.
 *
 * @param executor runs handlers, subscriber signals and future completions
 * @param ownsExecutor shut the executor down when the session closes
 */
public record SessionConfig(String name, Identity peer, RegistryTable table, ExecutorService executor,
        boolean ownsExecutor, FrameCodec codec, Duration defaultTimeout, int subscriptionBuffer, int outboundWindow) {
}
