package dev.alknet.transport.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test class when Netty reported a leaked buffer: {@link LeakRecorder#assertNoLeaks()} after all tests. */
public final class NoLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LeakRecorder.assertNoLeaks();
    }
}
