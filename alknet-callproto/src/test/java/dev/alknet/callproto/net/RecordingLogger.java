package dev.alknet.callproto.net;

import dev.alknet.auth.AuthLog;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;

/** A SLF4J logger that keeps the INFO lines {@link AuthLog} writes. */
final class RecordingLogger {

    private RecordingLogger() {
    }

    static Logger of(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isInfoEnabled" -> true;
                    case "getName" -> AuthLog.LOGGER_NAME;
                    case "info" -> {
                        lines.add((String) args[0]);
                        yield null;
                    }
                    default -> null;
                });
    }
}
